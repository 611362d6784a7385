using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using TownLake.Catalog.QueryFront;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Cli;

/// <summary><c>townlake query "&lt;sql&gt;"</c>: runs a statement through the query front (audited) and prints the first rows.</summary>
public static class QueryCommand
{
    /// <summary>Rows printed at most.</summary>
    public const int PrintedRows = 100;

    /// <summary>The identity CLI queries run and are audited as: the operating-system user.</summary>
    public static Caller CliCaller => new(Environment.UserName, [], true, false);

    /// <summary>Runs the statement to the end and returns the run with its first <paramref name="rows"/> rows.</summary>
    public static async Task<(QueryRecord Run, ResultPageView Page)> ExecuteAsync(IServiceProvider services, string sql, Caller caller, int rows, CancellationToken cancellationToken)
    {
        var front = services.GetRequiredService<QueryFrontService>();
        var started = await front.StartAsync(sql, caller, cancellationToken);
        var run = await front.WaitAsync(started.Id, caller, cancellationToken) ?? started;
        var page = await front.ResultsAsync(run.Id, 0, rows, Math.Max(rows, 1), caller, cancellationToken);
        return (run, page);
    }

    /// <summary>0 when the query succeeded, 1 when it failed (the error is printed with its line and column).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string sql, IAnsiConsole console, CancellationToken cancellationToken)
    {
        QueryRecord run;
        ResultPageView page;
        try
        {
            (run, page) = await ExecuteAsync(services, sql, CliCaller, PrintedRows, cancellationToken);
        }
        catch (Identity.CatalogException ex)
        {
            console.MarkupLine($"[red]Error:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }

        if (run.Error is { } error)
        {
            var where = error.Line is { } line ? $" (line {line}, column {error.Column})" : "";
            console.MarkupLine($"[red]{run.State.ToString().ToUpperInvariant()}:[/] {Markup.Escape(error.Message)}{where}");
            return 1;
        }

        var table = new Table();
        foreach (var column in page.Columns)
        {
            table.AddColumn(new TableColumn($"{Markup.Escape(column.Name)}\n[grey]{Markup.Escape(column.Type)}[/]"));
        }

        foreach (var row in page.Rows)
        {
            table.AddRow(row.Select(v => Markup.Escape(Text(v))).ToArray());
        }

        if (page.Columns.Count > 0)
        {
            console.Write(table);
        }

        var shown = page.HasMore ? $" (first {page.Rows.Count} shown)" : "";
        console.MarkupLine($"[green]{run.RowCount?.ToString(CultureInfo.InvariantCulture) ?? "0"} row(s)[/]{shown} in {run.ElapsedMs(DateTimeOffset.UtcNow) ?? 0} ms{(run.Truncated ? " [yellow](cut at the row cap)[/]" : "")}");
        return 0;
    }

    private static string Text(object? value) => value switch
    {
        null => "NULL",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };
}
