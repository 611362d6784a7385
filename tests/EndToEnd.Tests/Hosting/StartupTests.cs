using System.Diagnostics;

namespace TownLake.EndToEnd.Tests.Hosting;

/// <summary>The real service process: a wrong setting stops start-up with one clear line naming it.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("--TownLake:Store=mongodb", "TownLake:Store")]
    [InlineData("--TownLake:Store=postgres", "TownLake:PostgresConnectionString")]
    [InlineData("--TownLake:DemoWarehouse=maybe", "TownLake:DemoWarehouse")]
    public async Task A_wrong_setting_stops_start_up_with_one_line_naming_it(string setting, string named)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-startup-" + Guid.NewGuid().ToString("N"));
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "TownLake.Catalog.dll"), "--urls", "http://127.0.0.1:0", "--TownLake:DataDirectory=" + dataDirectory, setting })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var errorLines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single(errorLines);
        Assert.Contains(named, line);
        Assert.DoesNotContain("   at ", await stdout);
    }
}
