using Microsoft.Extensions.Options;
using Spectre.Console;
using TownLake.Catalog.Connections;
using TownLake.Catalog.Demo;
using TownLake.Catalog.Hosting;
using TownLake.Catalog.QueryFront;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Cli;

/// <summary>
/// The <c>townlake</c> command line, run by the service's own executable when its first argument is a command:
/// <c>ingest &lt;connection&gt;</c>, <c>query "&lt;sql&gt;"</c> or <c>help</c> (see <see cref="CliArguments"/>). It reads the same settings as the service
/// (appsettings.json, <c>TownLake__…</c> environment variables, <c>--TownLake:Key=value</c> arguments) and works on the
/// same store, without starting the web server.
/// </summary>
public static class TownLakeCli
{
    /// <summary>The usage text <c>help</c> prints (Spectre markup).</summary>
    public const string Usage = """
        [bold]Usage:[/] TownLake.Catalog [blue][[command]][/] [grey][[--TownLake:Key=value …]][/]

        [bold]Commands:[/]
          (none)                    start the catalog service (GraphQL, REST, MCP, browser UI)
          ingest [blue]<connection>[/]       ingest one configured connection, print a summary
          query [blue]"<sql>"[/]            run one SQL statement through the query front (audited), print the first rows
          help                      print this text (also --help, -h)

        [bold]Settings[/] are the service's: appsettings.json, TownLake__… environment variables, or --TownLake:Key=value.
        [bold]Exit codes:[/] 0 done, 1 the command failed, 2 a setting is wrong, 64 the command line is wrong, 130 cancelled.
        """;

    private const string IngestUsage = "[bold]Usage:[/] TownLake.Catalog ingest [blue]<connection>[/] [grey][[--TownLake:Key=value …]][/]\nIngests one connection named under TownLake:Connections and prints what was added, changed and removed.";

    private const string QueryUsage = "[bold]Usage:[/] TownLake.Catalog query [blue]\"<sql>\"[/] [grey][[--TownLake:Key=value …]][/]\nRuns one statement through the query front, as the operating-system user, and prints the first 100 rows.";

    /// <summary>True when the arguments ask for a command (or help, or are a mistyped command) rather than the service.</summary>
    public static bool Handles(string[] args) => CliArguments.Parse(args).Command != CliCommand.Serve;

    public static Task<int> RunAsync(string[] args) => RunAsync(args, AnsiConsole.Console, Console.Error, CancellationToken.None);

    /// <summary>Runs a command line; returns its exit code (<see cref="CliExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        var parsed = CliArguments.Parse(args);
        switch (parsed.Command)
        {
            case CliCommand.Help:
                console.MarkupLine(parsed.HelpFor switch
                {
                    CliCommand.Ingest => IngestUsage,
                    CliCommand.Query => QueryUsage,
                    _ => Usage,
                });
                return CliExitCodes.Success;
            case CliCommand.Invalid:
                console.MarkupLine($"[red]Error:[/] {Markup.Escape(parsed.Error ?? "invalid command line")}");
                console.MarkupLine(parsed.HelpFor switch
                {
                    CliCommand.Ingest => IngestUsage,
                    CliCommand.Query => QueryUsage,
                    _ => Usage,
                });
                return CliExitCodes.Usage;
            case CliCommand.Serve:
                throw new ArgumentException("No command: the caller starts the service itself.", nameof(args));
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var builder = WebApplication.CreateBuilder([.. parsed.Settings]);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddTownLake();
            await using var app = builder.Build();
            await PrepareAsync(app.Services, cancel.Token);
            return parsed.Command == CliCommand.Ingest
                ? await IngestCommand.RunAsync(app.Services, parsed.Argument!, console, cancel.Token)
                : await QueryCommand.RunAsync(app.Services, parsed.Argument!, console, cancel.Token);
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync("TownLake cannot start: " + string.Join(" ", ex.Failures));
            return CliExitCodes.BadSettings;
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
        {
            // e.g. "Failed to convert configuration value at 'TownLake:DemoWarehouse' to type 'System.Boolean'", as the service reports it.
            await error.WriteLineAsync("TownLake cannot start: " + ex.Message);
            return CliExitCodes.BadSettings;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]Cancelled.[/]");
            return CliExitCodes.Cancelled;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Validates the settings, migrates the store and builds the demo when it is on — what the service does at start-up.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<TownLakeOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ConnectionsOptions>>().Value;
        _ = services.GetRequiredService<IOptions<QueryFrontOptions>>().Value;
        Directory.CreateDirectory(options.FullDataDirectory);
        await services.GetRequiredService<ICatalogDatabase>().InitializeAsync(cancellationToken);
        if (options.DemoWarehouseEnabled)
        {
            await services.GetRequiredService<DemoWarehouse>().EnsureLoadedAsync(cancellationToken);
        }
    }
}
