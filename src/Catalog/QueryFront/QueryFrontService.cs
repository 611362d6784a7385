using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Connections;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;
using TownLake.Engine.Execution;

namespace TownLake.Catalog.QueryFront;

/// <summary>
/// Runs SQL written against catalog names for a caller: checks the caller (<see cref="QueryAccessCheck"/>), works out
/// the datasets read (<see cref="QueryAnalysis"/>), hands the statement to the Engine's <see cref="QueryRunner"/> with
/// the configured connections, row cap and timeout, and records every query in the audit trail. A run is visible only
/// to the user who started it and to administrators. GraphQL, the agent API and the CLI all go through here.
/// </summary>
public sealed class QueryFrontService(
    QueryRunner runner,
    QueryAnalysis analysis,
    QueryAccessCheck access,
    ConnectionRegistry connections,
    IQueryAuditStore store,
    Governance.IGovernanceStore governance,
    IOptions<QueryFrontOptions> options,
    TimeProvider clock,
    Hosting.Operations.TownLakeMetrics metrics,
    ILogger<QueryFrontService> logger)
{
    /// <summary>Statements longer than this are refused before analysis.</summary>
    public const int MaxSqlLength = 1_000_000;

    /// <summary>Error code of a start refused because the caller has too many queries queued or running (HTTP 429).</summary>
    public const string QuotaExceededCode = Hosting.Errors.ErrorCodes.QueryQuotaExceeded;

    private readonly ConcurrentDictionary<string, LiveRun> _runs = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts a statement and returns its run at once. Anonymous callers get FORBIDDEN and empty SQL BAD_USER_INPUT;
    /// every other problem (unknown dataset, bad SQL, not read-only) shows as a FAILED run with its error. A statement
    /// governance refuses answers ACCESS_DENIED (and is audited); PII comes back redacted unless <paramref name="unlock"/>
    /// asks for it with a reason and the caller holds a READ_PII grant (the unlock is audited).
    /// </summary>
    public async Task<QueryRecord> StartAsync(string? sql, Caller caller, CancellationToken cancellationToken, PiiUnlock? unlock = null, QueryPurpose purpose = QueryPurpose.Query)
    {
        access.EnsureCanQuery(caller);
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw CatalogException.BadInput("The query is empty: write one SELECT statement over catalog datasets (connection.schema.table).");
        }

        if (sql.Length > MaxSqlLength)
        {
            throw CatalogException.BadInput($"The query is longer than {MaxSqlLength:N0} characters.");
        }

        EvictExpired();
        metrics.QueryStarted(caller.UserName);
        if (unlock is not null && string.IsNullOrWhiteSpace(unlock.Reason))
        {
            throw CatalogException.BadInput("Unlocking PII needs a reason (e.g. the ticket you are working on); it is recorded in the audit trail.");
        }

        if (unlock is not null && unlock.Reason.Length > MaxUnlockReasonLength)
        {
            throw CatalogException.BadInput($"The reason for unlocking PII is longer than {MaxUnlockReasonLength} characters.");
        }

        var analyzed = await analysis.AnalyzeAsync(sql, cancellationToken, caller);
        QueryAuthorization? authorization = null;
        if (analyzed.Refusal is null)
        {
            try
            {
                authorization = await access.AuthorizeAsync(caller, analyzed, unlock, cancellationToken);
            }
            catch (CatalogException ex) when (ex.Code == Hosting.Errors.ErrorCodes.AccessDenied)
            {
                await RecordRefusalAsync(sql, caller, analyzed, ex.Message, cancellationToken);
                throw;
            }
        }

        var submitted = new QueryRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            User = caller.UserName,
            Sql = sql,
            State = QueryRunState.Queued,
            Purpose = purpose,
            SubmittedAt = clock.GetUtcNow(),
            Datasets = analyzed.Reads.Select(r => r.Dataset).ToList(),
        };

        // A statement that can never run (syntax, not read-only) is refused here, at once, not after it has queued.
        var refusal = analyzed.Refusal ?? analyzed.Statement.Refusal?.ToRecordError();
        if (refusal is null)
        {
            try
            {
                var limits = new QueryLimits(options.Value.MaxRows, options.Value.Timeout, options.Value.MaxResultBytes);
                var request = new QueryRequest(sql, connections.Settings, limits)
                {
                    Analysis = analyzed.Statement,
                    Caller = new QueryCaller(caller.UserName, caller.Groups),
                    IsQueryable = analysis.IsCataloguedAsync,
                    Visibility = authorization?.Visibility,
                };
                submitted = submitted with { Id = runner.Start(request, caller.UserName) };
            }
            catch (QueryException ex) when (ex.Error.Kind == QueryErrorKind.QuotaExceeded)
            {
                // Refused before it exists, like a rate limit: no run and no audit row, so a flood cannot fill the audit trail.
                logger.LogInformation("Query of {User} refused: {Reason}", caller.UserName, ex.Message);
                throw new CatalogException(QuotaExceededCode, ex.Message);
            }
            catch (QueryException ex)
            {
                refusal = ex.Error.ToRecordError();
            }
        }

        if (refusal is not null)
        {
            var now = clock.GetUtcNow();
            var failed = submitted with { State = QueryRunState.Failed, StartedAt = now, FinishedAt = now, Error = refusal };
            _runs[failed.Id] = new LiveRun(failed) { Final = failed };
            await store.SaveQueryAsync(failed, cancellationToken);
            return failed;
        }

        foreach (var pii in authorization?.Unlocked ?? [])
        {
            await governance.AppendEventAsync(new Governance.GovernanceEvent(0, clock.GetUtcNow(), caller.UserName, Governance.GovernanceEventKind.PiiUnlocked,
                pii.DatasetUrn, null, null, $"PII of {pii.Dataset} ({string.Join(", ", pii.Columns)}) unlocked for query {submitted.Id}: {unlock!.Reason}"), cancellationToken);
        }

        // The audit row is written beside the execution rather than before it, keeping the write off the query's
        // critical path; the outcome is recorded after it, whether or not this request stays around to see it.
        var recorded = store.SaveQueryAsync(submitted, CancellationToken.None);
        var live = new LiveRun(submitted);
        live.Audited = Task.Run(() => AuditCompletionAsync(live, recorded), CancellationToken.None);
        _runs[submitted.Id] = live;
        return Current(live);
    }

    /// <summary>The longest reason accepted for unlocking PII.</summary>
    public const int MaxUnlockReasonLength = 2000;

    /// <summary>Records a statement governance refused: a FAILED audit row (ACCESS_DENIED) and a governance audit entry per dataset.</summary>
    private async Task RecordRefusalAsync(string sql, Caller caller, QueryAnalysis.Result analyzed, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var refused = new QueryRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            User = caller.UserName,
            Sql = sql,
            State = QueryRunState.Failed,
            SubmittedAt = now,
            StartedAt = now,
            FinishedAt = now,
            Datasets = analyzed.Reads.Select(r => r.Dataset).ToList(),
            Error = new QueryRecordError(QueryFailureKind.AccessDenied, reason),
        };
        await store.SaveQueryAsync(refused, CancellationToken.None);
        var urns = analyzed.Reads.Select(r => (string?)Urn.Dataset(DatasetName.Parse(r.Dataset))).DefaultIfEmpty(null);
        foreach (var urn in urns)
        {
            await governance.AppendEventAsync(new Governance.GovernanceEvent(0, now, caller.UserName, Governance.GovernanceEventKind.QueryRefused, urn, null, null,
                $"query {refused.Id} refused: {reason}"), CancellationToken.None);
        }

        logger.LogInformation("Query of {User} refused by governance: {Reason}", caller.UserName, reason);
    }

    /// <summary>The run as it is now; null when unknown, expired or someone else's (non-admins).</summary>
    public async Task<QueryRecord?> GetAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        access.EnsureCanQuery(caller);
        if (_runs.TryGetValue(id, out var live))
        {
            return Visible(live.Submitted, caller) ? Current(live) : null;
        }

        var stored = await store.GetQueryAsync(id, cancellationToken);
        return stored is not null && Visible(stored, caller) ? stored : null;
    }

    /// <summary>Waits until the run has finished and its audit row is written; returns the final run.</summary>
    public async Task<QueryRecord?> WaitAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        access.EnsureCanQuery(caller);
        if (!_runs.TryGetValue(id, out var live))
        {
            return await GetAsync(id, caller, cancellationToken);
        }

        if (!Visible(live.Submitted, caller))
        {
            return null;
        }

        await live.Audited.WaitAsync(cancellationToken);
        return Current(live);
    }

    /// <summary>
    /// Rows <paramref name="offset"/>.. of the run, waiting until they have arrived or the run has ended.
    /// NOT_FOUND when the run is unknown, someone else's, or its rows have expired.
    /// </summary>
    public async Task<ResultPageView> ResultsAsync(string id, int offset, int limit, int maxLimit, Caller caller, CancellationToken cancellationToken)
    {
        access.EnsureCanQuery(caller);
        if (offset < 0)
        {
            throw CatalogException.BadInput("'offset' cannot be negative.");
        }

        if (limit < 1 || limit > maxLimit)
        {
            throw CatalogException.BadInput($"'limit' must be between 1 and {maxLimit:N0}.");
        }

        if (!_runs.TryGetValue(id, out var live) || !Visible(live.Submitted, caller))
        {
            throw CatalogException.NotFound($"No query run {InputEcho.Quote(id)} with results: it is unknown, not yours, or its rows expired (they are kept {options.Value.Retention.TotalMinutes:0} minutes).");
        }

        if (live.Final is { Engine: null } refused)
        {
            return new ResultPageView(refused, [], new ResultRows([]), offset, limit, 0, false);
        }

        var page = await runner.FetchAsync(id, offset, limit, cancellationToken)
            ?? throw CatalogException.NotFound($"The rows of query run {InputEcho.Quote(id)} have expired; run the query again.");
        var run = Merge(live.Submitted, page.Status);
        return new ResultPageView(run, page.Status.Columns ?? [], new ResultRows(page.Rows), offset, limit, page.Status.IsFinished ? page.Status.RowCount : null, page.HasMore);
    }

    /// <summary>Cancels the run and returns it once it has stopped (or as it is after a few seconds).</summary>
    public async Task<QueryRecord> CancelAsync(string id, Caller caller, CancellationToken cancellationToken)
    {
        access.EnsureCanQuery(caller);
        if (!_runs.TryGetValue(id, out var live) || !Visible(live.Submitted, caller))
        {
            throw CatalogException.NotFound($"No running query {InputEcho.Quote(id)} of yours.");
        }

        runner.Cancel(id);
        try
        {
            await live.Audited.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Query {Id} did not stop within 10 s of being cancelled", id);
        }

        return Current(live);
    }

    private static bool Visible(QueryRecord run, Caller caller) => caller.CanReadOthersQueries || run.User == caller.UserName;

    private QueryRecord Current(LiveRun live) =>
        live.Final ?? (runner.GetStatus(live.Submitted.Id) is { } status ? Merge(live.Submitted, status) : live.Submitted);

    private static QueryRecord Merge(QueryRecord submitted, QueryStatus status) => submitted with
    {
        Engine = status.Engine,
        State = status.State.ToRunState(),
        StartedAt = status.StartedAt,
        FinishedAt = status.FinishedAt,
        RowCount = status.RowCount,
        Truncated = status.Truncated,
        TruncatedBy = status.TruncatedBy?.ToTruncation(),
        Error = status.Error?.ToRecordError(),
    };

    private async Task AuditCompletionAsync(LiveRun live, Task recorded)
    {
        try
        {
            await recorded;
            var status = await runner.WaitAsync(live.Submitted.Id);
            var final = status is null ? live.Submitted with { State = QueryRunState.Failed, FinishedAt = clock.GetUtcNow() } : Merge(live.Submitted, status);
            live.Final = final;
            metrics.QueryFinished(final.Engine, final.State.ToString(), (final.FinishedAt ?? clock.GetUtcNow()) - final.SubmittedAt);
            await store.SaveQueryAsync(final, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Recording the outcome of query {Id} in the audit trail failed", live.Submitted.Id);
        }
    }

    /// <summary>
    /// Forgets finished runs past their retention and those whose rows the runner has dropped (its memory bounds):
    /// they stay readable from the audit trail, and a page of them answers NOT_FOUND.
    /// </summary>
    private void EvictExpired()
    {
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        foreach (var (id, live) in _runs)
        {
            if (live.Final?.FinishedAt is { } finished && (finished < cutoff || (live.Final.Engine is not null && runner.GetStatus(id) is null)))
            {
                _runs.TryRemove(id, out _);
            }
        }
    }

    /// <summary>A run held in memory: what was submitted, the task that records its outcome, and the outcome once known.</summary>
    private sealed class LiveRun(QueryRecord submitted)
    {
        private volatile QueryRecord? _final;

        public QueryRecord Submitted { get; } = submitted;

        /// <summary>Completes when the outcome is in the audit trail (at once for refused runs).</summary>
        public Task Audited { get; set; } = Task.CompletedTask;

        /// <summary>Set by the auditing task once the run has ended.</summary>
        public QueryRecord? Final
        {
            get => _final;
            set => _final = value;
        }
    }
}
