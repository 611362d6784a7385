using System.Collections.Concurrent;
using TownLake.Engine.Sql;

namespace TownLake.Engine.Execution;

/// <summary>
/// Runs queries in the background and keeps their results for paging: <see cref="Start"/> returns an id,
/// <see cref="GetStatus"/>, <see cref="FetchAsync"/> and <see cref="Cancel"/> take it.
/// </summary>
/// <remarks>
/// Design choice: a run's rows are held in memory (up to the row cap, 100,000 by default) so that any page can be
/// fetched in any order while the run is alive; at most <see cref="QueryRunnerOptions.MaxRetainedRuns"/> finished
/// runs are kept, each for <see cref="QueryRunnerOptions.Retention"/>. Pages can be fetched while the run is still
/// executing: a fetch waits until its rows have arrived or the run has finished.
/// </remarks>
public sealed class QueryRunner : IAsyncDisposable
{
    private const int AppendBatchSize = 1024;
    private readonly IReadOnlyList<IQueryEngine> _engines;
    private readonly QueryRunnerOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<string, QueryRun> _runs = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly SqlLineageAnalyzer _analyzer;
    private readonly SqlLineageAnalyzer? _ownedAnalyzer;

    /// <param name="engines">Engines to choose from, in order of preference.</param>
    /// <param name="options">Concurrency, default limits, retention.</param>
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
        if (_options.MaxConcurrentQueries < 1)
        {
            throw new ArgumentException("MaxConcurrentQueries must be at least 1.", nameof(options));
        }

        _time = timeProvider ?? TimeProvider.System;
        _slots = new SemaphoreSlim(_options.MaxConcurrentQueries);
        _analyzer = analyzer ?? (_ownedAnalyzer = new SqlLineageAnalyzer());
    }

    /// <summary>
    /// Queues <paramref name="request"/> and returns its id at once. Requests without limits get
    /// <see cref="QueryRunnerOptions.DefaultLimits"/>. Problems found before execution (bad SQL, unknown dataset)
    /// show up as a <see cref="QueryState.Failed"/> status, never as an exception here, except for an unusable request.
    /// </summary>
    public string Start(QueryRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Sql))
        {
            throw new QueryException(QueryErrorKind.InvalidRequest, "The query is empty: write one SELECT statement.");
        }

        var limits = request.Limits ?? _options.DefaultLimits;
        if (limits.MaxRows < 1 || limits.Timeout <= TimeSpan.Zero)
        {
            throw new QueryException(QueryErrorKind.InvalidRequest, "Query limits need a row cap of at least 1 and a positive timeout.");
        }

        if (request.Analysis is { } given && !string.Equals(given.Sql, request.Sql, StringComparison.Ordinal))
        {
            // An analysis of other text would let access checks pass on one statement while another runs.
            throw new ArgumentException("The request's statement analysis is of a different SQL text.", nameof(request));
        }

        // The statement is parsed once: by the front that analyzed it already, else here; engines read this analysis.
        request = request with { Limits = limits, Analysis = request.Analysis ?? _analyzer.AnalyzeStatement(request.Sql) };
        var engine = EngineSelector.Select(_engines, request);
        EvictExpiredRuns();
        var run = new QueryRun(Guid.NewGuid().ToString("N"), request, engine.Name, _time.GetUtcNow());
        _runs[run.Id] = run;
        _ = Task.Run(() => ExecuteAsync(run, engine));
        return run.Id;
    }

    /// <summary>Starts <paramref name="request"/> and waits for it to finish; returns the final status.</summary>
    public async Task<QueryStatus> RunAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        var id = Start(request);
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
        // The semaphore is not disposed: a finishing run may still release its slot after signalling completion.
        foreach (var run in _runs.Values)
        {
            run.Dispose();
        }

        _ownedAnalyzer?.Dispose();
    }

    private async Task ExecuteAsync(QueryRun run, IQueryEngine engine)
    {
        var limits = run.Request.EffectiveLimits;
        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation.Token, timeout.Token, _shutdown.Token);
        var token = linked.Token;
        var truncated = false;
        try
        {
            await _slots.WaitAsync(run.Cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            run.Finish(QueryState.Cancelled, _time.GetUtcNow(), error: new QueryError(QueryErrorKind.Cancelled, "The query was cancelled before it started."));
            return;
        }

        try
        {
            run.MarkRunning(_time.GetUtcNow());
            timeout.CancelAfter(limits.Timeout);
            await using var result = await engine.ExecuteAsync(run.Request, token);
            run.SetColumns(result.Columns);
            var batch = new List<object?[]>(AppendBatchSize);
            var count = 0;
            await foreach (var row in result.ReadRowsAsync(token))
            {
                if (count == limits.MaxRows)
                {
                    // One row past the cap proves the result is longer; stop reading there.
                    truncated = true;
                    break;
                }

                batch.Add(row);
                count++;
                if (batch.Count == AppendBatchSize)
                {
                    run.Append(batch);
                    batch = new List<object?[]>(AppendBatchSize);
                }
            }

            run.Append(batch);
            run.Finish(QueryState.Succeeded, _time.GetUtcNow(), truncated);
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
        finally
        {
            _slots.Release();
        }
    }

    private void EvictExpiredRuns()
    {
        var now = _time.GetUtcNow();
        var finished = _runs.Values
            .Select(r => (Run: r, FinishedAt: r.FinishedAt))
            .Where(r => r.FinishedAt is not null)
            .OrderByDescending(r => r.FinishedAt)
            .ToList();
        for (var i = 0; i < finished.Count; i++)
        {
            var (run, finishedAt) = finished[i];
            if (i >= _options.MaxRetainedRuns || now - finishedAt > _options.Retention)
            {
                if (_runs.TryRemove(run.Id, out _))
                {
                    run.Dispose();
                }
            }
        }
    }
}
