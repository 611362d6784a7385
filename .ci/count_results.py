#!/usr/bin/env python3
"""Counts a `dotnet test` run from its TRX files and the front-end tests' JUnit report.

Usage: count_results.py RESULTS_DIR VITEST_JUNIT EXPECTED_ASSEMBLY...

Prints one line per test assembly, then any problem, and last the summary line "N passed, N failed, N skipped".
Exits 1 when a test failed, when an expected assembly reported no tests (missing, crashed, or all filtered out), or
when no test ran at all. The xunit test that runs Vitest counts as the Vitest cases it ran, one by one.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

TRX = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
VITEST_WRAPPER = "UiUnitTests.Front_end_unit_and_contract_tests_pass"


def read_trx(path):
    """(assembly, {test id: outcome}) of one TRX file; assembly is None when it defined no tests."""
    root = ET.parse(path).getroot()
    assembly = None
    names = {}
    for test in root.iter(TRX + "UnitTest"):
        method = test.find(TRX + "TestMethod")
        # TestMethod's codeBase keeps the path's case; UnitTest's storage is lower-cased.
        code_base = (method.get("codeBase") if method is not None else None) or test.get("storage") or ""
        assembly = assembly or os.path.splitext(os.path.basename(code_base))[0] or None
        names[test.get("id")] = (method.get("className") + "." + method.get("name")) if method is not None else test.get("name")
    outcomes = {}
    for result in root.iter(TRX + "UnitTestResult"):
        outcomes[result.get("executionId") or result.get("testId")] = (names.get(result.get("testId"), result.get("testName")), result.get("outcome"))
    return assembly, outcomes


def read_junit(path):
    """(passed, failed, skipped) Vitest cases of a JUnit report."""
    passed = failed = skipped = 0
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    results_dir, junit, expected = argv[0], argv[1], argv[2:]
    per_assembly = {}
    problems = []
    vitest = read_junit(junit) if os.path.isfile(junit) else None
    for path in sorted(glob.glob(os.path.join(results_dir, "**", "*.trx"), recursive=True)):
        assembly, outcomes = read_trx(path)
        if assembly is None:
            continue
        counts = per_assembly.setdefault(assembly, [0, 0, 0])
        for name, outcome in outcomes.values():
            if vitest is not None and name.endswith(VITEST_WRAPPER):
                counts[0] += vitest[0]
                counts[1] += vitest[1]
                counts[2] += vitest[2]
                continue
            if outcome == "Passed":
                counts[0] += 1
            elif outcome == "NotExecuted":
                counts[2] += 1
            else:  # Failed, Error, Timeout, Aborted, ...
                counts[1] += 1
    for assembly in sorted(per_assembly):
        p, f, s = per_assembly[assembly]
        print(f"  {assembly}: {p} passed, {f} failed, {s} skipped")
    reported = {name.lower(): sum(counts) for name, counts in per_assembly.items()}
    for assembly in expected:
        if reported.get(assembly.lower(), 0) == 0:
            problems.append(f"{assembly} reported no tests (not built, crashed, or every test filtered out)")
    passed = sum(c[0] for c in per_assembly.values())
    failed = sum(c[1] for c in per_assembly.values())
    skipped = sum(c[2] for c in per_assembly.values())
    if passed + failed == 0:
        problems.append("no test ran")
    for problem in problems:
        print(f"error: {problem}")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
