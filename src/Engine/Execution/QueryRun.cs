namespace TownLake.Engine.Execution;

/// <summary>
/// One run held by <see cref="QueryRunner"/>: its state and the rows read so far. Rows are appended by the
/// executing task and read by pages concurrently, so every field is guarded by <see cref="_gate"/>.
/// </summary>
internal sealed class QueryRun : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<object?[]> _rows = [];
    private TaskCompletionSource _changed = NewSignal();
    private QueryState _state = QueryState.Queued;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _finishedAt;
    private IReadOnlyList<ResultColumn>? _columns;
    private TruncationReason? _truncation;
    private QueryError? _error;
    private long _bytes;

    public QueryRun(string id, QueryRequest request, string user, string engineName, DateTimeOffset submittedAt)
    {
        Id = id;
        Request = request;
        User = user;
        EngineName = engineName;
        SubmittedAt = submittedAt;
        _bytes = ResultSizeEstimator.String(request.Sql);
    }

    public string Id { get; }

    /// <summary>Whose run it is, for per-user quotas and fair scheduling.</summary>
    public string User { get; }

    /// <summary>Estimated bytes the run holds (its rows and its SQL).</summary>
    public long HeldBytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    public QueryRequest Request { get; }

    public string EngineName { get; }

    public DateTimeOffset SubmittedAt { get; }

    /// <summary>Set by <see cref="QueryRunner.Cancel"/>; the executing task watches it.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Completes when the run reaches a final state.</summary>
    public Task Completion => _completion.Task;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public QueryStatus Status()
    {
        lock (_gate)
        {
            return Snapshot();
        }
    }

    public bool IsFinished
    {
        get
        {
            lock (_gate)
            {
                return _finishedAt is not null;
            }
        }
    }

    public DateTimeOffset? FinishedAt
    {
        get
        {
            lock (_gate)
            {
                return _finishedAt;
            }
        }
    }

    public void MarkRunning(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_finishedAt is null)
            {
                _state = QueryState.Running;
                _startedAt = now;
            }
        }

        Signal();
    }

    public void SetColumns(IReadOnlyList<ResultColumn> columns)
    {
        lock (_gate)
        {
            _columns = columns;
        }

        Signal();
    }

    public void Append(List<object?[]> batch, long bytes)
    {
        lock (_gate)
        {
            _rows.AddRange(batch);
            _bytes += bytes;
        }

        Signal();
    }

    public void Finish(QueryState state, DateTimeOffset now, TruncationReason? truncation = null, QueryError? error = null)
    {
        lock (_gate)
        {
            if (_finishedAt is not null)
            {
                return;
            }

            _state = state;
            _finishedAt = now;
            _truncation = truncation;
            _error = error;
            _startedAt ??= now;
        }

        Signal();
        _completion.TrySetResult();
    }

    /// <summary>
    /// Returns up to <paramref name="limit"/> rows from <paramref name="offset"/> once that many are held or the run
    /// is finished, waiting for the executing task otherwise.
    /// </summary>
    public async Task<QueryPage> PageAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var finished = _finishedAt is not null;
                if (finished || _rows.Count >= offset + limit)
                {
                    var available = Math.Max(0, Math.Min(limit, _rows.Count - offset));
                    var rows = available == 0 ? [] : _rows.GetRange(offset, available);
                    var hasMore = !finished || _rows.Count > offset + available;
                    return new QueryPage(Snapshot(), offset, rows, hasMore);
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public void Dispose() => Cancellation.Dispose();

    private QueryStatus Snapshot() => new(
        Id, _state, EngineName, Request.Sql, SubmittedAt, _startedAt, _finishedAt, _columns, _rows.Count, _truncation is not null, _error, _truncation);

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = NewSignal();
        }

        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
