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
/// <c>ingest &lt;connection&gt;</c> or <c>query "&lt;sql&gt;"</c>. It reads the same settings as the service
/// (appsettings.json, <c>TownLake__…</c> environment variables, <c>--TownLake:Key=value</c> arguments) and works on the
/// same store, without starting the web server.
/// </summary>
public static class TownLakeCli
{
    private static readonly string[] Commands = ["ingest", "query"];

    public static bool Handles(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(string[] args)
    {
        var console = AnsiConsole.Console;
        var command = args[0].ToLowerInvariant();
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            console.MarkupLine(command == "ingest"
                ? "[red]Usage:[/] townlake ingest [blue]<connection>[/] [grey][[--TownLake:Key=value …]][/]"
                : "[red]Usage:[/] townlake query [blue]\"<sql>\"[/] [grey][[--TownLake:Key=value …]][/]");
            return 64;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            var builder = WebApplication.CreateBuilder(args[2..]);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddTownLake();
            await using var app = builder.Build();
            await PrepareAsync(app.Services, cancel.Token);
            return command == "ingest"
                ? await IngestCommand.RunAsync(app.Services, args[1], console, cancel.Token)
                : await QueryCommand.RunAsync(app.Services, args[1], console, cancel.Token);
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("TownLake cannot start: " + string.Join(" ", ex.Failures));
            return 2;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]Cancelled.[/]");
            return 130;
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
