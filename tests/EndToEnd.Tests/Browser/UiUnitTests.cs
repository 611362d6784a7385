using System.Diagnostics;
using System.Xml.Linq;

namespace TownLake.EndToEnd.Tests.Browser;

/// <summary>
/// Runs the front-end tests (Vitest, <c>npm test</c> in src/Ui) as part of <c>dotnet test</c>: the unit tests, and the
/// contract tests that send every GraphQL operation the UI uses to the browser tests' live Catalog (TOWNLAKE_URL).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UiUnitTests(BrowserFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Front_end_unit_and_contract_tests_pass()
    {
        var ui = Path.Combine(RepositoryRoot(), "src", "Ui");
        Assert.True(Directory.Exists(Path.Combine(ui, "node_modules", "vitest")),
            "src/Ui/node_modules is missing: build src/Catalog with npm available (it runs `npm ci`), or run `npm ci` in src/Ui.");

        // Vitest's JUnit report names every case; .ci/run sets TOWNLAKE_VITEST_JUNIT to count them one by one.
        var junit = Environment.GetEnvironmentVariable("TOWNLAKE_VITEST_JUNIT") is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(Path.GetTempPath(), "townlake-vitest-" + Guid.NewGuid().ToString("N") + ".xml");
        var start = new ProcessStartInfo("npm", ["test", "--", "--reporter=default", "--reporter=junit", "--outputFile.junit=" + junit])
        {
            WorkingDirectory = ui,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NO_COLOR"] = "1";
        start.Environment["CI"] = "true";
        start.Environment["TOWNLAKE_URL"] = fixture.BaseAddress.ToString().TrimEnd('/');
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Never leave vitest workers behind a failed run.
            process.Kill(entireProcessTree: true);
            Assert.Fail($"npm test did not finish within {Timeout.TotalMinutes} minutes:\n{await output}\n{await error}");
        }

        var text = await output;
        Assert.True(process.ExitCode == 0, $"npm test failed:\n{text}\n{await error}");
        var cases = XDocument.Load(junit).Descendants("testcase").ToList();
        if (Environment.GetEnvironmentVariable("TOWNLAKE_VITEST_JUNIT") is not { Length: > 0 })
        {
            File.Delete(junit);
        }

        Assert.NotEmpty(cases);
        // The contract tests skip themselves without a server; here every case must have run.
        Assert.Contains(cases, c => (string?)c.Attribute("classname") == "src/api/operations.contract.test.ts");
        Assert.Empty(cases.Where(c => c.Element("skipped") is not null).Select(c => (string?)c.Attribute("name")));
        Assert.Empty(cases.Where(c => c.Element("failure") is not null || c.Element("error") is not null).Select(c => (string?)c.Attribute("name")));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TownLake.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("TownLake.sln was not found above " + AppContext.BaseDirectory);
    }
}
