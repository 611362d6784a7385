using System.Collections.Concurrent;
using TownLake.Engine.Sql;

namespace TownLake.Engine.Execution;

/// <summary>
/// Runs queries in the background and keeps their results for paging: <see cref="Start"/> returns an id,
/// <see cref="GetStatus"/>, <see cref="FetchAsync"/> and <see cref="Cancel"/> take it.
/// </summary>
/// <remarks>
/// Design choice: a run's rows are held in memory (up to the row cap and the byte budget of its limits) so that any
/// page can be fetched in any order while the run is alive; finished runs are kept for
/// <see cref="QueryRunnerOptions.Retention"/>, bounded in number (overall and per user) and in estimated bytes
/// overall. Pages can be fetched while the run is still executing: a fetch waits until its rows have arrived or the
/// run has finished. Execution slots go round-robin across users (<see cref="FairQueryScheduler"/>), each user has
/// a cap on running and on unfinished runs, and a run waiting longer than the queue timeout fails.
/// </remarks>
public sealed class QueryRunner : IAsyncDisposable
{
    private const int AppendBatchSize = 1024;
    private readonly IReadOnlyList<IQueryEngine> _engines;
    private readonly QueryRunnerOptions _options;
    private readonly TimeProvider _time;
    private readonly FairQueryScheduler _scheduler;
    private readonly ConcurrentDictionary<string, QueryRun> _runs = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly SqlLineageAnalyzer _analyzer;
    private readonly SqlLineageAnalyzer? _ownedAnalyzer;

    // Serialises admission (the per-user quota count) and eviction; execution never takes it.
    private readonly Lock _admission = new();

    /// <param name="engines">Engines to choose from, in order of preference.</param>
    /// <param name="options">Concurrency, per-user quotas, default limits, retention.</param>
    /// <param name="timeProvider">Clock for run times and retention.</param>
    /// <param name="analyzer">Analyzes requests that arrive without an analysis; the runner opens its own when null.</param>
    public QueryRunner(IEnumerable<IQueryEngine> engines, QueryRunnerOptions? options = null, TimeProvider? timeProvider = null, SqlLineageAnalyzer? analyzer = null)
    {
        _engines = engines.ToList();
        if (_engines.Count == 0)
        {
            throw new ArgumentException("A query runner needs at least one engine.", nameof(engines));
        }

        _options = options ?? new QueryRunnerOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _scheduler = new FairQueryScheduler(_options.MaxConcurrentQueries, _options.MaxConcurrentQueriesPerUser);
        _analyzer = analyzer ?? (_ownedAnalyzer = new SqlLineageAnalyzer());
    }

    /// <summary>
    /// Queues <paramref name="request"/> and returns its id at once. Requests without limits get
    /// <see cref="QueryRunnerOptions.DefaultLimits"/>. Problems found before execution (bad SQL, unknown dataset)
    /// show up as a <see cref="QueryState.Failed"/> status, never as an exception here, except for an unusable request
    /// and for a <paramref name="user"/> over their quota of unfinished runs (<see cref="QueryErrorKind.QuotaExceeded"/>).
    /// </summary>
    /// <param name="request">The statement and its connections.</param>
    /// <param name="user">Whose run it is, for per-user limits and fair scheduling; null shares one anonymous bucket.</param>
    public string Start(QueryRequest request, string? user = null)
    {
        if (string.IsNullOrWhiteSpace(request.Sql))
        {
            throw new QueryException(QueryErrorKind.InvalidRequest, "The query is empty: write one SELECT statement.");
        }

        var limits = request.Limits ?? _options.DefaultLimits;
        if (limits.MaxRows < 1 || limits.Timeout <= TimeSpan.Zero || limits.MaxResultBytes < 1)
        {
            throw new QueryException(QueryErrorKind.InvalidRequest, "Query limits need a row cap of at least 1, a positive timeout and a positive byte budget.");
        }

        if (request.Analysis is { } given && !string.Equals(given.Sql, request.Sql, StringComparison.Ordinal))
        {
            // An analysis of other text would let access checks pass on one statement while another runs.
            throw new ArgumentException("The request's statement analysis is of a different SQL text.", nameof(request));
        }

        // The statement is parsed once: by the front that analyzed it already, else here; engines read this analysis.
        request = request with { Limits = limits, Analysis = request.Analysis ?? _analyzer.AnalyzeStatement(request.Sql) };
        var engine = EngineSelector.Select(_engines, request);
        user ??= string.Empty;
        QueryRun run;
        lock (_admission)
        {
            EvictRuns();
            var unfinished = _runs.Values.Count(r => r.User == user && !r.IsFinished);
            if (unfinished >= _options.MaxQueuedQueriesPerUser)
            {
                throw new QueryException(QueryErrorKind.QuotaExceeded,
                    $"You already have {unfinished} queries queued or running, the most one user may have; wait for one to finish or cancel one, then retry.");
            }

            run = new QueryRun(Guid.NewGuid().ToString("N"), request, user, engine.Name, _time.GetUtcNow());
            _runs[run.Id] = run;
        }

        var ticket = _scheduler.Enqueue(user);
        _ = Task.Run(() => ExecuteAsync(run, engine, ticket));
        return run.Id;
    }

    /// <summary>Starts <paramref name="request"/> and waits for it to finish; returns the final status.</summary>
    public async Task<QueryStatus> RunAsync(QueryRequest request, CancellationToken cancellationToken = default) =>
        await RunAsync(request, null, cancellationToken);

    /// <summary>Starts <paramref name="request"/> as <paramref name="user"/> and waits for it to finish; returns the final status.</summary>
    public async Task<QueryStatus> RunAsync(QueryRequest request, string? user, CancellationToken cancellationToken = default)
    {
        var id = Start(request, user);
        return await WaitAsync(id, cancellationToken) ?? throw new InvalidOperationException("The run vanished while running.");
    }

    /// <summary>The run's status, or null when the id is unknown or expired.</summary>
    public QueryStatus? GetStatus(string id) => _runs.TryGetValue(id, out var run) ? run.Status() : null;

    /// <summary>Statuses of every retained run, newest first.</summary>
    public IReadOnlyList<QueryStatus> List() =>
        _runs.Values.Select(r => r.Status()).OrderByDescending(s => s.SubmittedAt).ToList();

    /// <summary>Waits until the run has finished; null when the id is unknown.</summary>
    public async Task<QueryStatus?> WaitAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!_runs.TryGetValue(id, out var run))
        {
            return null;
        }

        await run.Completion.WaitAsync(cancellationToken);
        return run.Status();
    }

    /// <summary>
    /// Rows <paramref name="offset"/> .. <paramref name="offset"/>+<paramref name="limit"/>-1 of the run, waiting while
    /// they are still being produced; null when the id is unknown. A failed run returns the rows it read before failing.
    /// </summary>
    public async Task<QueryPage?> FetchAsync(string id, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _runs.TryGetValue(id, out var run)
            ? await run.PageAsync(offset, limit, cancellationToken)
            : null;
    }

    /// <summary>Cancels the run (interrupting the engine); false when the id is unknown or the run already finished.</summary>
    public bool Cancel(string id)
    {
        if (!_runs.TryGetValue(id, out var run) || run.IsFinished)
        {
            return false;
        }

        run.Cancellation.Cancel();
        return true;
    }

    /// <summary>Cancels every run and waits for them to stop.</summary>
    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        foreach (var run in _runs.Values)
        {
            run.Cancellation.Cancel();
        }

        await Task.WhenAll(_runs.Values.Select(r => r.Completion));
        foreach (var run in _runs.Values)
        {
            run.Dispose();
        }

        _ownedAnalyzer?.Dispose();
    }

    private async Task ExecuteAsync(QueryRun run, IQueryEngine engine, FairQueryScheduler.Ticket ticket)
    {
        var limits = run.Request.EffectiveLimits;
        try
        {
            await ticket.Admitted.WaitAsync(_options.QueueTimeout, _time, run.Cancellation.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            if (_scheduler.Withdraw(ticket))
            {
                if (ex is TimeoutException)
                {
                    run.Finish(QueryState.Failed, _time.GetUtcNow(), error: new QueryError(QueryErrorKind.Timeout,
                        $"The query waited {_options.QueueTimeout.TotalSeconds:0.###} s for a free slot without starting and was dropped; the server is busy, retry later."));
                }
                else
                {
                    run.Finish(QueryState.Cancelled, _time.GetUtcNow(), error: new QueryError(QueryErrorKind.Cancelled, "The query was cancelled before it started."));
                }

                AfterFinish();
                return;
            }

            // Admitted at the same moment: it holds a slot, so run it (a cancellation is seen by the engine).
        }

        try
        {
            await ExecuteAdmittedAsync(run, engine, limits);
        }
        finally
        {
            _scheduler.Release(ticket);
            AfterFinish();
        }
    }

    private async Task ExecuteAdmittedAsync(QueryRun run, IQueryEngine engine, QueryLimits limits)
    {
        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation.Token, timeout.Token, _shutdown.Token);
        var token = linked.Token;
        TruncationReason? truncation = null;
        try
        {
            run.MarkRunning(_time.GetUtcNow());
            timeout.CancelAfter(limits.Timeout);
            await using var result = await engine.ExecuteAsync(run.Request, token);
            run.SetColumns(result.Columns);
            var batch = new List<object?[]>(AppendBatchSize);
            var count = 0;
            var held = run.HeldBytes;
            long batchBytes = 0;
            await foreach (var row in result.ReadRowsAsync(token))
            {
                if (count == limits.MaxRows)
                {
                    // One row past the cap proves the result is longer; stop reading there.
                    truncation = TruncationReason.RowCap;
                    break;
                }

                var bytes = ResultSizeEstimator.Estimate(row);
                if (held + batchBytes + bytes > limits.MaxResultBytes)
                {
                    // The row that would exceed the budget is dropped; what is held stays within it.
                    truncation = TruncationReason.ByteBudget;
                    break;
                }

                batch.Add(row);
                batchBytes += bytes;
                count++;
                if (batch.Count == AppendBatchSize)
                {
                    run.Append(batch, batchBytes);
                    held += batchBytes;
                    batchBytes = 0;
                    batch = new List<object?[]>(AppendBatchSize);
                }
            }

            run.Append(batch, batchBytes);
            run.Finish(QueryState.Succeeded, _time.GetUtcNow(), truncation);
        }
        catch (Exception ex) when (ex is OperationCanceledException || (ex is QueryException && token.IsCancellationRequested))
        {
            if (timeout.IsCancellationRequested && !run.Cancellation.IsCancellationRequested)
            {
                run.Finish(QueryState.Failed, _time.GetUtcNow(), error: new QueryError(
                    QueryErrorKind.Timeout, $"The query ran longer than its timeout of {limits.Timeout.TotalSeconds:0.###} s and was stopped."));
            }
            else
            {
                run.Finish(QueryState.Cancelled, _time.GetUtcNow(), error: new QueryError(QueryErrorKind.Cancelled, "The query was cancelled."));
            }
        }
        catch (QueryException ex)
        {
            run.Finish(QueryState.Failed, _time.GetUtcNow(), error: ex.Error);
        }
        catch (Exception ex)
        {
            run.Finish(QueryState.Failed, _time.GetUtcNow(), error: new QueryError(QueryErrorKind.Execution, $"The {engine.Name} engine failed: {ex.Message}"));
        }
    }

    /// <summary>A finished run may push retained memory over its bounds: evict at once, not only at the next start.</summary>
    private void AfterFinish()
    {
        lock (_admission)
        {
            EvictRuns();
        }
    }

    /// <summary>
    /// Drops finished runs past their retention, beyond the overall and per-user counts, and — while finished runs hold
    /// more than <see cref="QueryRunnerOptions.MaxRetainedBytes"/> — the oldest finished run of the user holding the most.
    /// </summary>
    private void EvictRuns()
    {
        var now = _time.GetUtcNow();
        var finished = _runs.Values
            .Select(r => (Run: r, FinishedAt: r.FinishedAt))
            .Where(r => r.FinishedAt is not null)
            .OrderByDescending(r => r.FinishedAt)
            .ToList();
        var kept = new List<QueryRun>();
        var perUser = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < finished.Count; i++)
        {
            var (run, finishedAt) = finished[i];
            var userCount = perUser[run.User] = perUser.GetValueOrDefault(run.User) + 1;
            if (i >= _options.MaxRetainedRuns || now - finishedAt > _options.Retention || userCount > _options.MaxRetainedRunsPerUser)
            {
                Evict(run);
            }
            else
            {
                kept.Add(run);
            }
        }

        var bytes = kept.Sum(r => r.HeldBytes);
        while (bytes > _options.MaxRetainedBytes && kept.Count > 0)
        {
            var heaviestUser = kept.GroupBy(r => r.User).MaxBy(g => g.Sum(r => r.HeldBytes))!.Key;
            // kept is newest first, so the user's last entry is their oldest finished run.
            var victim = kept.Last(r => r.User == heaviestUser);
            kept.Remove(victim);
            bytes -= victim.HeldBytes;
            Evict(victim);
        }
    }

    private void Evict(QueryRun run)
    {
        if (_runs.TryRemove(run.Id, out _))
        {
            run.Dispose();
        }
    }
}
