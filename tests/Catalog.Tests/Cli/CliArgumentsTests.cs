using TownLake.Catalog.Cli;

namespace TownLake.Catalog.Tests.Cli;

/// <summary>How the executable reads its command line: a command word, its one argument, then the service's settings.</summary>
public class CliArgumentsTests
{
    [Theory]
    [InlineData]
    [InlineData("--urls=http://localhost:5099")]
    [InlineData("--TownLake:DemoWarehouse", "false")]
    [InlineData("TownLake:DataDirectory=/tmp/x")]
    [InlineData("/TownLake:DataDirectory", "/tmp/x")]
    public void Settings_alone_start_the_service_with_those_settings(params string[] args)
    {
        var parsed = CliArguments.Parse(args);

        Assert.Equal(CliCommand.Serve, parsed.Command);
        Assert.Equal(args, parsed.Settings);
        Assert.False(TownLakeCli.Handles(args));
    }

    [Theory]
    [InlineData("help")]
    [InlineData("HELP")]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    [InlineData("/?")]
    public void Help_in_any_spelling_asks_for_the_usage(string flag)
    {
        var parsed = CliArguments.Parse([flag]);

        Assert.Equal(CliCommand.Help, parsed.Command);
        Assert.Null(parsed.HelpFor);
        Assert.True(TownLakeCli.Handles([flag]));
    }

    [Theory]
    [InlineData("ingest", CliCommand.Ingest)]
    [InlineData("query", CliCommand.Query)]
    public void Help_after_a_command_asks_for_that_command_s_usage(string command, CliCommand expected)
    {
        var parsed = CliArguments.Parse([command, "--help"]);

        Assert.Equal((CliCommand.Help, expected), (parsed.Command, parsed.HelpFor));
    }

    [Fact]
    public void Ingest_takes_the_connection_and_passes_the_settings_on()
    {
        var parsed = CliArguments.Parse(["ingest", "warehouse", "--TownLake:DataDirectory=/tmp/x", "--TownLake:Store", "sqlite"]);

        Assert.Equal(CliCommand.Ingest, parsed.Command);
        Assert.Equal("warehouse", parsed.Argument);
        Assert.Equal(["--TownLake:DataDirectory=/tmp/x", "--TownLake:Store", "sqlite"], parsed.Settings);
    }

    [Fact]
    public void Query_takes_the_quoted_statement_whole()
    {
        var parsed = CliArguments.Parse(["QUERY", "select 1 as one -- comment", "--TownLake:DemoWarehouse=false"]);

        Assert.Equal(CliCommand.Query, parsed.Command);
        Assert.Equal("select 1 as one -- comment", parsed.Argument);
        Assert.Equal(["--TownLake:DemoWarehouse=false"], parsed.Settings);
    }

    [Theory]
    [InlineData("Unknown command 'serve'", "serve")]
    [InlineData("Unknown command 'injest'", "injest", "warehouse")]
    [InlineData("ingest needs the name of a connection", "ingest")]
    [InlineData("ingest needs the name of a connection", "ingest", "--TownLake:Store=sqlite")]
    [InlineData("ingest needs the name of a connection", "ingest", " ")]
    [InlineData("query needs one SQL statement", "query")]
    [InlineData("put the whole SQL statement in one pair of quotes", "query", "select", "1")]
    [InlineData("Unexpected argument 'other'", "ingest", "warehouse", "other")]
    [InlineData("Unexpected argument '--'", "ingest", "warehouse", "--")]
    public void A_malformed_line_is_invalid_with_a_reason(string reason, params string[] args)
    {
        var parsed = CliArguments.Parse(args);

        Assert.Equal(CliCommand.Invalid, parsed.Command);
        Assert.Contains(reason, parsed.Error, StringComparison.Ordinal);
        Assert.True(TownLakeCli.Handles(args));
    }
}
