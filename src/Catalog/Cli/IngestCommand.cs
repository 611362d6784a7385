using System.Globalization;
using Spectre.Console;
using TownLake.Catalog.Connections;
using TownLake.Catalog.Identity;
using TownLake.Engine.Connectors;

namespace TownLake.Catalog.Cli;

/// <summary><c>townlake ingest &lt;connection&gt;</c>: ingests one connection with a progress bar, then prints a summary table.</summary>
public static class IngestCommand
{
    /// <summary>Runs the ingestion; 0 on success, 1 when the connection is unknown or cannot be read.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string connection, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var ingestion = services.GetRequiredService<ConnectionIngestion>();
        IngestionSummary? summary = null;
        try
        {
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"{connection}: connecting").IsIndeterminate();
                    var progress = new ImmediateProgress<ExtractionProgress>(p =>
                    {
                        task.Description = $"{Markup.Escape(connection)}: {Markup.Escape(p.Stage)}";
                        if (p.Total is > 0 and var total)
                        {
                            task.IsIndeterminate = false;
                            task.MaxValue = total;
                            task.Value = Math.Min(p.Completed, total);
                        }
                    });
                    summary = await ingestion.IngestAsync(connection, progress, cancellationToken);
                    task.IsIndeterminate = false;
                    task.Value = task.MaxValue;
                    task.Description = $"{Markup.Escape(connection)}: done";
                });
        }
        catch (CatalogException ex)
        {
            console.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }

        console.Write(SummaryTable(summary!));
        foreach (var warning in summary!.Warnings)
        {
            console.MarkupLine($"[yellow]Warning:[/] {Markup.Escape(warning)}");
        }

        return 0;
    }

    public static Table SummaryTable(IngestionSummary summary)
    {
        var table = new Table().Title($"Ingested [blue]{Markup.Escape(summary.Connection)}[/]");
        foreach (var heading in new[] { "Added", "Changed", "Removed", "Unchanged", "Columns", "Duration" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        table.AddRow(
            summary.Added.ToString(CultureInfo.InvariantCulture),
            summary.Changed.ToString(CultureInfo.InvariantCulture),
            summary.Removed.ToString(CultureInfo.InvariantCulture),
            summary.Unchanged.ToString(CultureInfo.InvariantCulture),
            summary.Columns.ToString(CultureInfo.InvariantCulture),
            summary.Duration.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture));
        return table;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post reports after the bar has finished).</summary>
    private sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
