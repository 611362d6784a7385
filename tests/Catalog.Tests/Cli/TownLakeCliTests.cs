using System.Diagnostics;
using Spectre.Console;
using TownLake.Catalog.Cli;

namespace TownLake.Catalog.Tests.Cli;

/// <summary>The command line end to end: its output and exit codes, in process over a temporary data directory, and as the real executable.</summary>
public sealed class TownLakeCliTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private string[] Settings(params string[] more) =>
        [$"--TownLake:DataDirectory={_dataDirectory}", "--TownLake:DemoWarehouse=false", .. more];

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        var code = await TownLakeCli.RunAsync(args, console, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_every_command_and_exits_0(string flag)
    {
        var (code, output, _) = await RunAsync(flag);

        Assert.Equal(CliExitCodes.Success, code);
        Assert.Contains("ingest <connection>", output, StringComparison.Ordinal);
        Assert.Contains("query \"<sql>\"", output, StringComparison.Ordinal);
        Assert.Contains("start the catalog service", output, StringComparison.Ordinal);
        Assert.Contains("Exit codes", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_for_a_command_prints_that_command()
    {
        var (code, output, _) = await RunAsync("query", "--help");

        Assert.Equal(CliExitCodes.Success, code);
        Assert.Contains("TownLake.Catalog query \"<sql>\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ingest <connection>", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Unknown command 'serve'", "serve")]
    [InlineData("ingest needs the name of a connection", "ingest")]
    [InlineData("put the whole SQL statement in one pair of quotes", "query", "select", "1")]
    public async Task A_wrong_command_line_prints_the_reason_and_the_usage_and_exits_64(string reason, params string[] args)
    {
        var (code, output, _) = await RunAsync(args);

        Assert.Equal(CliExitCodes.Usage, code);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDirectory), "a usage error must not create or touch a store");
    }

    [Fact]
    public async Task Query_prints_the_rows_and_exits_0()
    {
        var (code, output, _) = await RunAsync(["query", "select 40 + 2 as answer", .. Settings()]);

        Assert.Equal(CliExitCodes.Success, code);
        Assert.Contains("answer", output, StringComparison.Ordinal);
        Assert.Contains("42", output, StringComparison.Ordinal);
        Assert.Contains("1 row(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_query_prints_the_error_with_its_position_and_exits_1()
    {
        var (code, output, _) = await RunAsync(["query", "select * from no_such_table_anywhere", .. Settings()]);

        Assert.Equal(CliExitCodes.Failed, code);
        Assert.Contains("no_such_table_anywhere", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingesting_an_unknown_connection_names_it_and_exits_1()
    {
        var (code, output, _) = await RunAsync(["ingest", "nowhere", .. Settings()]);

        Assert.Equal(CliExitCodes.Failed, code);
        Assert.Contains("nowhere", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingesting_a_file_connection_prints_the_summary_and_exits_0()
    {
        var files = Directory.CreateDirectory(Path.Combine(_dataDirectory + "-files", "lake"));
        try
        {
            await File.WriteAllTextAsync(Path.Combine(files.FullName, "orders.csv"), "order_id,amount\n1,9.5\n2,3.0\n");

            var (code, output, _) = await RunAsync(["ingest", "lake", .. Settings("--TownLake:Connections:lake:Type=files", $"--TownLake:Connections:lake:Path={files.FullName}")]);

            Assert.True(code == CliExitCodes.Success, output);
            Assert.Contains("Ingested lake", output, StringComparison.Ordinal);
            Assert.Contains("Added", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(_dataDirectory + "-files", recursive: true);
        }
    }

    [Fact]
    public async Task A_wrong_setting_is_one_line_on_stderr_and_exit_2()
    {
        var (code, _, error) = await RunAsync(["query", "select 1", .. Settings("--TownLake:Store=mongodb")]);

        Assert.Equal(CliExitCodes.BadSettings, code);
        Assert.StartsWith("TownLake cannot start:", error, StringComparison.Ordinal);
        Assert.Contains("TownLake:Store", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "--help")]
    [InlineData(64, "no-such-command")]
    public async Task The_real_executable_answers_help_and_unknown_commands_without_starting_the_server(int expectedCode, string argument)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "TownLake.Catalog.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [executable, argument, "--urls=http://127.0.0.1:1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["TownLake__DataDirectory"] = _dataDirectory },
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(expectedCode, process.ExitCode);
        Assert.Contains("ingest <connection>", await output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDirectory), "help must not create a store");
    }
}
