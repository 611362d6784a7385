using System.Text.Json;
using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;
using TownLake.Catalog.QueryFront;

namespace TownLake.Catalog.Agents.Tools;

/// <summary>
/// The query tools, over the query front (so every query runs as the caller, within its limits and access rules, and
/// is audited): <c>start_query</c> refuses SQL that can never run at once, with the reason and position;
/// <c>fetch_results</c> waits at most <c>wait_ms</c> and returns the state and the rows it has, sized to the budget,
/// with a cursor; <c>cancel_query</c> stops a run.
/// </summary>
public sealed class QueryTools(QueryFrontService queries, AnswerFitter fitter, TimeProvider clock)
{
    public const string FetchName = "fetch_results";
    public const int DefaultWaitMs = 10_000;
    public const int MaxWaitMs = 30_000;

    /// <summary>Rows read from the run per answer before fitting to the budget.</summary>
    private const int MaxPageRows = 500;

    private static readonly int[] CellLengths = [200, 60, 20];

    public IReadOnlyList<AgentTool> All =>
    [
        new("start_query", "Start a query",
            "Run one read-only SQL SELECT over catalog datasets (full names such as demo.fct.billings_allocated) as you. SQL that cannot run (syntax, not read-only, unknown dataset, no access) is refused at once with the reason and position; otherwise returns a run id for fetch_results.",
            [
                AgentToolParameter.String("sql", "One SELECT statement (DuckDB/PostgreSQL dialect) naming datasets by their full names.", required: true, example: "SELECT plan, count(*) AS accounts FROM demo.dim.accounts GROUP BY plan") with { MaxLength = QueryFrontService.MaxSqlLength },
                AgentToolParameter.Boolean("unlock_pii", "Return personal data unredacted where the person you act for holds an unexpired READ_PII grant; needs 'reason' and is audited. Default false: PII columns come back as a stable keyed mask (joins and counts still work)."),
                AgentToolParameter.String("reason", "Why the PII is needed unredacted (e.g. the ticket); required with unlock_pii.", example: "SUP-1234 refund for a customer") with { MaxLength = 1_000 },
            ],
            StartAsync)
        {
            Idempotent = false,
            Example = "start_query({ sql: \"SELECT count(*) FROM demo.dim.accounts\" })",
        },
        new(FetchName, "Fetch results",
            $"The state of a run and its rows so far. Waits at most wait_ms (default {DefaultWaitMs:N0}) for the run to finish, so it never hits a client timeout: if it is still RUNNING, call again. Rows are cut to the budget (long values shortened); pass nextCursor to read on.",
            [
                AgentToolParameter.String("id", "The run id from start_query.", required: true) with { MaxLength = 200 },
                AgentToolParameter.Integer("wait_ms", $"Most milliseconds to wait for the run to finish (0-{MaxWaitMs:N0}, default {DefaultWaitMs:N0}).", 0, MaxWaitMs, 5000),
                AgentToolParameter.String("cursor", "The nextCursor of the previous answer.") with { MaxLength = 200 },
            ],
            FetchAsync)
        {
            Example = "fetch_results({ id: run.id })",
        },
        new("cancel_query", "Cancel a query",
            "Stop a running query of yours and return its final state.",
            [AgentToolParameter.String("id", "The run id from start_query.", required: true) with { MaxLength = 200 }],
            CancelAsync)
        {
            ReadOnly = false,
            Destructive = false,
            Example = "cancel_query({ id: run.id })",
        },
    ];

    private async Task<object> StartAsync(AgentToolCall call)
    {
        // Blank SQL is for the query front to refuse, in the words every face uses.
        var unlock = call.Arguments.Bool("unlock_pii") == true ? new PiiUnlock(call.Arguments.String("reason") ?? "") : null;
        var run = await queries.StartAsync(call.Arguments.String("sql"), call.Caller, call.CancellationToken, unlock);
        if (run is { State: QueryRunState.Failed, Error: { } error })
        {
            throw Refusal(error);
        }

        return new { id = run.Id, state = Upper(run.State), datasets = run.Datasets, hint = $"Call fetch_results({{ id: \"{run.Id}\" }}) for the rows." };
    }

    private async Task<object> FetchAsync(AgentToolCall call)
    {
        var id = call.Arguments.RequiredString("id");
        var waitMs = call.Arguments.Int("wait_ms") ?? DefaultWaitMs;
        var offset = PageCursor.Decode(FetchName, call.Arguments.String("cursor"));
        var run = await queries.GetAsync(id, call.Caller, call.CancellationToken) ?? throw UnknownRun(id);
        if (!IsFinished(run) && waitMs > 0)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(call.CancellationToken);
            wait.CancelAfter(waitMs);
            try
            {
                run = await queries.WaitAsync(id, call.Caller, wait.Token) ?? run;
            }
            catch (OperationCanceledException) when (!call.CancellationToken.IsCancellationRequested)
            {
                run = await queries.GetAsync(id, call.Caller, call.CancellationToken) ?? run;
            }
        }

        if (run.Error is { } failure)
        {
            return new
            {
                id,
                state = Upper(run.State),
                error = new { kind = failure.Kind, message = failure.Message, line = failure.Line, column = failure.Column },
                hint = run.State == QueryRunState.Cancelled ? "The run was cancelled." : "Fix the SQL and call start_query again.",
            };
        }

        var finished = IsFinished(run);
        var available = finished ? long.MaxValue : run.RowCount ?? 0;
        var want = (int)Math.Min(MaxPageRows, Math.Max(0, available - offset));
        ResultPageView? page = null;
        if (want > 0 && offset < int.MaxValue)
        {
            page = await queries.ResultsAsync(id, (int)offset, want, MaxPageRows, call.Caller, call.CancellationToken);
        }

        var columns = page?.Columns ?? [];
        var rows = page?.Rows.ToList() ?? [];
        var moreAfterPage = page?.HasMore ?? !finished;
        var elapsed = run.ElapsedMs(clock.GetUtcNow());
        object Render(int count, int cell, int columnCount)
        {
            var cut = 0;
            var shown = rows.Take(count).Select(r => r.Take(columnCount).Select(v => Cell(v, cell, ref cut)).ToArray()).ToList();
            var more = count < rows.Count || moreAfterPage;
            return new
            {
                id,
                state = Upper(run.State),
                elapsedMs = elapsed,
                columns = columns.Take(columnCount).Select(c => $"{c.Name} {c.Type}").ToList(),
                columnsOmitted = columns.Count > columnCount ? columns.Count - columnCount : (int?)null,
                rows = shown,
                from = offset,
                rowCount = finished ? run.RowCount : null,
                nextCursor = more ? PageCursor.Encode(FetchName, offset + count) : null,
                truncated = count < rows.Count || cut > 0 || columns.Count > columnCount ? true : (bool?)null,
                cellsShortened = cut > 0 ? cut : (int?)null,
                resultCut = run.TruncationNote,
                hint = !finished
                    ? "The query is still running: call fetch_results again with the same id (and nextCursor), or cancel_query."
                    : more ? "More rows follow: pass nextCursor, or aggregate in SQL to need fewer rows." : null,
            };
        }

        foreach (var cell in CellLengths)
        {
            foreach (var columnCount in new[] { columns.Count, Math.Min(columns.Count, 20), Math.Min(columns.Count, 8) }.Distinct())
            {
                var count = fitter.Largest(rows.Count, n => Render(n, cell, columnCount), call.Budget);
                if (count > 0 || rows.Count == 0)
                {
                    var answer = Render(count, cell, columnCount);
                    if (fitter.Fits(answer, call.Budget))
                    {
                        return answer;
                    }
                }
            }
        }

        return Render(0, CellLengths[^1], Math.Min(columns.Count, 8));
    }

    private async Task<object> CancelAsync(AgentToolCall call)
    {
        var run = await queries.CancelAsync(call.Arguments.RequiredString("id"), call.Caller, call.CancellationToken);
        return new { id = run.Id, state = Upper(run.State) };
    }

    private static object? Cell(object? raw, int maxChars, ref int cut)
    {
        var value = ResultValues.ToJson(raw);
        var text = value switch
        {
            string s => s,
            null or bool or long or int or decimal or double or float or short or byte => null,
            _ => JsonSerializer.Serialize(value, AgentJson.Options),
        };
        if (text is null || text.Length <= maxChars)
        {
            return value;
        }

        cut++;
        return AnswerFitter.Clip(text, maxChars);
    }

    private static bool IsFinished(QueryRecord run) => run.State is QueryRunState.Succeeded or QueryRunState.Failed or QueryRunState.Cancelled;

    private static string Upper(QueryRunState state) => state.ToString().ToUpperInvariant();

    private static CatalogException UnknownRun(string id) => new(ErrorCodes.NotFound, $"No query run {InputEcho.Quote(id)}: it is unknown, not yours, or expired.")
    {
        Hint = "Start the query again with start_query and use the id it returns.",
    };

    /// <summary>SQL the query front refused before running it, as an error the agent can fix.</summary>
    private static CatalogException Refusal(QueryRecordError error)
    {
        var where = error.Line is { } line && !error.Message.Contains("line ", StringComparison.Ordinal) ? $" (line {line}{(error.Column is { } column ? $", column {column}" : "")})" : "";
        var (code, hint) = error.Kind switch
        {
            QueryFailureKind.UnknownDataset => (ErrorCodes.NotFound, "Use full dataset names (catalog.schema.table) from search_datasets."),
            QueryFailureKind.NotReadOnly => (ErrorCodes.BadUserInput, "Only reads are allowed: write one SELECT statement."),
            QueryFailureKind.FunctionNotAllowed => (ErrorCodes.BadUserInput, "Use plain SQL over catalog datasets; file readers and server functions are not allowed."),
            QueryFailureKind.QuotaExceeded => (ErrorCodes.QueryQuotaExceeded, "Wait for your other queries to finish (or cancel_query them), then try again."),
            _ => (ErrorCodes.BadUserInput, "Fix the SQL and call start_query again; list_schema_fields gives exact column names."),
        };
        return new CatalogException(code, $"The query was refused: {error.Message.TrimEnd('.')}{where}.") { Hint = hint };
    }
}
