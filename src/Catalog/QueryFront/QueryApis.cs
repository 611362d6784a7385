using System.Globalization;
using System.Text.Json;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.QueryFront;

/// <summary>
/// The agent endpoints of the query front: <c>POST /api/agent/start_query</c> and <c>POST /api/agent/fetch_results</c>.
/// <c>fetch_results</c> waits for the run to end, then returns rows for an LLM (<c>inject</c>: few rows, long values
/// cut, with a note saying what was cut), for a person (<c>display</c>: the full page), or both. Errors follow the one
/// contract (<see cref="ErrorBodies.Rest"/>); a query that fails is a 200 with its <c>error</c>.
/// </summary>
public static class QueryApis
{
    /// <summary>Rows an <c>inject</c> page holds at most, and by default.</summary>
    public const int InjectMaxRows = 200;
    public const int InjectDefaultRows = 50;

    /// <summary>Characters of one value kept in <c>inject</c> mode.</summary>
    public const int InjectMaxCellLength = 200;

    /// <summary>Columns kept in <c>inject</c> mode.</summary>
    public const int InjectMaxColumns = 40;

    public const int DisplayDefaultRows = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapQueryApis(this WebApplication app)
    {
        var agent = app.MapGroup("/api/agent").WithTags("Agent");
        agent.MapPost("/start_query", StartQueryAsync).WithName("AgentStartQuery")
            .WithSummary("Starts a read-only SQL query over catalog datasets as the caller; returns the run (id, state, datasets).");
        agent.MapPost("/fetch_results", FetchResultsAsync).WithName("AgentFetchResults")
            .WithSummary("Waits for a run to end and returns a page of its rows: 'inject' (compact, for an LLM), 'display' (full page) or 'both'.");
    }

    /// <summary>Body of <c>start_query</c>: the SQL and, to see PII unredacted under a READ_PII grant, <c>unlockPii</c> with a <c>reason</c>.</summary>
    public sealed record StartQueryBody(string? Sql, bool? UnlockPii = null, string? Reason = null);

    /// <summary>Body of <c>fetch_results</c>.</summary>
    public sealed record FetchResultsBody(string? Id, string? Mode, int? Offset, int? Limit);

    private static async Task<IResult> StartQueryAsync(HttpContext http, QueryFrontService front, CallerResolver callers)
    {
        var body = await ReadAsync<StartQueryBody>(http);
        var run = await front.StartAsync(body.Sql, callers.Resolve(http), http.RequestAborted, body.UnlockPii == true ? new PiiUnlock(body.Reason ?? "") : null);
        return Results.Ok(RunJson(run));
    }

    private static async Task<IResult> FetchResultsAsync(HttpContext http, QueryFrontService front, CallerResolver callers)
    {
        var body = await ReadAsync<FetchResultsBody>(http);
        if (string.IsNullOrWhiteSpace(body.Id))
        {
            throw CatalogException.BadInput("Give the run's 'id' (from start_query).");
        }

        var mode = (body.Mode ?? "inject").Trim().ToLowerInvariant();
        if (mode is not ("inject" or "display" or "both"))
        {
            throw CatalogException.BadInput($"'mode' is {InputEcho.Quote(body.Mode)}; use 'inject' (compact rows for an LLM), 'display' (the full page for a person) or 'both'.");
        }

        var caller = callers.Resolve(http);
        var run = await front.WaitAsync(body.Id, caller, http.RequestAborted) ?? throw UnknownRun(body.Id);
        var offset = body.Offset ?? 0;
        object? inject = null, display = null;
        if (mode is "inject" or "both")
        {
            var limit = body.Limit ?? InjectDefaultRows;
            if (limit < 1 || limit > InjectMaxRows)
            {
                throw CatalogException.BadInput($"'limit' must be between 1 and {InjectMaxRows} in inject mode (use display mode for bigger pages).");
            }

            inject = Compact(await front.ResultsAsync(body.Id, offset, limit, InjectMaxRows, caller, http.RequestAborted));
        }

        if (mode is "display" or "both")
        {
            var limit = body.Limit ?? DisplayDefaultRows;
            display = Full(await front.ResultsAsync(body.Id, offset, limit, GraphQL.QueryOperations.MaxPageRows, caller, http.RequestAborted));
        }

        return Results.Ok(new Dictionary<string, object?>
        {
            ["run"] = RunJson(run),
            ["inject"] = inject,
            ["display"] = display,
        }.Where(p => p.Key == "run" || p.Value is not null).ToDictionary());
    }

    /// <summary>What <c>fetch_results</c> answers (here and as an MCP tool) for a run it cannot see.</summary>
    internal static CatalogException UnknownRun(string id) => CatalogException.NotFound($"No query run {InputEcho.Quote(id)}: it is unknown, not yours, or expired.");

    internal static object RunJson(QueryRecord run) => new
    {
        id = run.Id,
        state = run.State.ToString().ToUpperInvariant(),
        user = run.User,
        sql = run.Sql,
        datasets = run.Datasets,
        submittedAt = run.SubmittedAt,
        finishedAt = run.FinishedAt,
        elapsedMs = run.ElapsedMs(DateTimeOffset.UtcNow),
        rowCount = run.RowCount,
        truncated = run.Truncated,
        truncationReason = run.TruncationNote,
        error = run.Error is { } e ? new { message = e.Message, line = e.Line, column = e.Column } : null,
    };

    private static object Full(ResultPageView page) => new
    {
        columns = page.Columns.Select(c => new { name = c.Name, type = c.Type }),
        rows = page.Rows,
        offset = page.Offset,
        limit = page.Limit,
        total = page.Total,
        hasMore = page.HasMore,
    };

    /// <summary>Rows sized for a model's context: at most <see cref="InjectMaxColumns"/> columns and values of <see cref="InjectMaxCellLength"/> characters, with a note of what was cut.</summary>
    internal static object Compact(ResultPageView page)
    {
        var columns = page.Columns.Take(InjectMaxColumns).ToList();
        var cutCells = 0;
        var rows = page.Rows.Select(row => row.Take(columns.Count).Select(raw =>
        {
            var value = ResultValues.ToJson(raw);
            var text = value switch
            {
                string s => s,
                null or bool or long or int or decimal or double => null,
                _ => JsonSerializer.Serialize(value, Json),
            };
            if (text is null || text.Length <= InjectMaxCellLength)
            {
                return value;
            }

            cutCells++;
            return (object)(text[..InjectMaxCellLength] + "…");
        }).ToArray()).ToList();

        var notes = new List<string>();
        var first = page.Offset + 1;
        var last = page.Offset + rows.Count;
        notes.Add(rows.Count == 0
            ? "No rows in this range."
            : page.Total is { } total
                ? string.Create(CultureInfo.InvariantCulture, $"Rows {first}–{last} of {total}.")
                : string.Create(CultureInfo.InvariantCulture, $"Rows {first}–{last}."));
        if (page.HasMore)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"More rows follow: fetch with offset={last}."));
        }

        if (page.Run.TruncationNote is { } truncation)
        {
            notes.Add(truncation);
        }

        if (page.Columns.Count > columns.Count)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"Only the first {columns.Count} of {page.Columns.Count} columns are shown."));
        }

        if (cutCells > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{cutCells} long value(s) were cut to {InjectMaxCellLength} characters (marked with …)."));
        }

        return new
        {
            columns = columns.Select(c => $"{c.Name} {c.Type}"),
            rows,
            offset = page.Offset,
            total = page.Total,
            hasMore = page.HasMore,
            note = string.Join(" ", notes),
        };
    }

    private static async Task<T> ReadAsync<T>(HttpContext http)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, Json, http.RequestAborted) ?? throw CatalogError.NotAnObject();
        }
        catch (JsonException ex)
        {
            throw CatalogError.MalformedJson(ex);
        }
    }
}
