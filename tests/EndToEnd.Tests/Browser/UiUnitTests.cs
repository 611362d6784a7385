using System.Diagnostics;

namespace TownLake.EndToEnd.Tests.Browser;

/// <summary>Runs the front-end unit tests (Vitest, <c>npm test</c> in src/Ui) as part of <c>dotnet test</c>.</summary>
public sealed class UiUnitTests
{
    [Fact]
    public async Task Front_end_unit_tests_pass()
    {
        var ui = Path.Combine(RepositoryRoot(), "src", "Ui");
        var start = new ProcessStartInfo("npm", "test") { WorkingDirectory = ui, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["NO_COLOR"] = "1";
        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"npm test failed:\n{await output}\n{await error}");
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
