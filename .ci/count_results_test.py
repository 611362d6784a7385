#!/usr/bin/env python3
"""Checks .ci/count_results.py on small result sets shaped like real ones: `python3 .ci/count_results_test.py`."""
import io
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import count_results  # noqa: E402

EXPECTED = ["TownLake.Search.Tests", "TownLake.EndToEnd.Tests"]


def trx(assembly, results):
    """A TRX file as `dotnet test --logger trx` writes it: results (class.method, outcome) of one assembly."""
    rows, definitions = [], []
    for i, (name, outcome) in enumerate(results):
        class_name, method = name.rsplit(".", 1)
        rows.append(f'<UnitTestResult executionId="e{i}" testId="t{i}" testName="{name}" outcome="{outcome}" />')
        definitions.append(
            f'<UnitTest name="{name}" storage="/repo/tests/bin/{assembly.lower()}.dll" id="t{i}"><Execution id="e{i}" />'
            f'<TestMethod codeBase="/repo/tests/bin/{assembly}.dll" className="{class_name}" name="{method}" /></UnitTest>')
    return ('<?xml version="1.0" encoding="utf-8"?>'
            '<TestRun id="r" name="run" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">'
            f'<Results>{"".join(rows)}</Results><TestDefinitions>{"".join(definitions)}</TestDefinitions></TestRun>')


def junit(passed, failed, skipped):
    cases = ([f'<testcase classname="src/a.test.ts" name="ok {i}" time="0"/>' for i in range(passed)]
             + [f'<testcase classname="src/a.test.ts" name="bad {i}" time="0"><failure message="x"/></testcase>' for i in range(failed)]
             + [f'<testcase classname="src/api/operations.contract.test.ts" name="skip {i}" time="0"><skipped/></testcase>' for i in range(skipped)])
    return f'<?xml version="1.0" encoding="UTF-8" ?><testsuites name="vitest tests"><testsuite name="s">{"".join(cases)}</testsuite></testsuites>'


WRAPPER = "TownLake.EndToEnd.Tests.Browser.UiUnitTests.Front_end_unit_and_contract_tests_pass"


class CountResultsTests(unittest.TestCase):
    def run_counter(self, files, vitest=None):
        with tempfile.TemporaryDirectory() as folder:
            for name, text in files.items():
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    f.write(text)
            report = os.path.join(folder, "vitest.junit.xml")
            if vitest is not None:
                with open(report, "w", encoding="utf-8") as f:
                    f.write(vitest)
            out = io.StringIO()
            with redirect_stdout(out):
                code = count_results.main([folder, report, *EXPECTED])
            return code, out.getvalue().splitlines()

    def test_a_green_run_counts_passed_and_skipped_and_ends_with_the_summary(self):
        code, lines = self.run_counter({
            "a.trx": trx("TownLake.Search.Tests", [("S.T.a", "Passed"), ("S.T.b", "Passed"), ("S.T.c", "NotExecuted")]),
            "b.trx": trx("TownLake.EndToEnd.Tests", [("E.T.a", "Passed")]),
        })
        self.assertEqual(0, code)
        self.assertEqual("3 passed, 0 failed, 1 skipped", lines[-1])

    def test_a_failed_test_fails_the_run(self):
        code, lines = self.run_counter({
            "a.trx": trx("TownLake.Search.Tests", [("S.T.a", "Failed"), ("S.T.b", "Passed")]),
            "b.trx": trx("TownLake.EndToEnd.Tests", [("E.T.a", "Passed")]),
        })
        self.assertEqual(1, code)
        self.assertEqual("2 passed, 1 failed, 0 skipped", lines[-1])

    def test_a_missing_assembly_fails_the_run_and_is_named(self):
        code, lines = self.run_counter({"a.trx": trx("TownLake.Search.Tests", [("S.T.a", "Passed")])})
        self.assertEqual(1, code)
        self.assertIn("error: TownLake.EndToEnd.Tests reported no tests (not built, crashed, or every test filtered out)", lines)
        self.assertEqual("1 passed, 0 failed, 0 skipped", lines[-1])

    def test_a_run_where_every_test_was_filtered_out_fails(self):
        empty = ('<?xml version="1.0" encoding="utf-8"?><TestRun id="r" name="run" '
                 'xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results /></TestRun>')
        code, lines = self.run_counter({"a.trx": empty, "b.trx": empty})
        self.assertEqual(1, code)
        self.assertIn("error: no test ran", lines)
        self.assertEqual("0 passed, 0 failed, 0 skipped", lines[-1])

    def test_no_results_at_all_fails(self):
        code, lines = self.run_counter({})
        self.assertEqual(1, code)
        self.assertEqual("0 passed, 0 failed, 0 skipped", lines[-1])

    def test_the_vitest_test_counts_as_each_vitest_case(self):
        code, lines = self.run_counter({
            "a.trx": trx("TownLake.Search.Tests", [("S.T.a", "Passed")]),
            "b.trx": trx("TownLake.EndToEnd.Tests", [(WRAPPER, "Passed"), ("E.T.a", "Passed")]),
        }, vitest=junit(45, 0, 2))
        self.assertEqual(0, code)
        self.assertIn("  TownLake.EndToEnd.Tests: 46 passed, 0 failed, 2 skipped", lines)
        self.assertEqual("47 passed, 0 failed, 2 skipped", lines[-1])

    def test_a_failed_vitest_case_is_a_failure(self):
        code, lines = self.run_counter({
            "a.trx": trx("TownLake.Search.Tests", [("S.T.a", "Passed")]),
            "b.trx": trx("TownLake.EndToEnd.Tests", [(WRAPPER, "Failed")]),
        }, vitest=junit(40, 3, 0))
        self.assertEqual(1, code)
        self.assertEqual("41 passed, 3 failed, 0 skipped", lines[-1])

    def test_without_a_vitest_report_the_vitest_test_counts_as_itself(self):
        code, lines = self.run_counter({
            "a.trx": trx("TownLake.Search.Tests", [("S.T.a", "Passed")]),
            "b.trx": trx("TownLake.EndToEnd.Tests", [(WRAPPER, "Failed")]),
        })
        self.assertEqual(1, code)
        self.assertEqual("1 passed, 1 failed, 0 skipped", lines[-1])


if __name__ == "__main__":
    unittest.main()
