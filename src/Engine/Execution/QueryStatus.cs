namespace TownLake.Engine.Execution;

/// <summary>A snapshot of one run.</summary>
/// <param name="Id">Handle returned by <see cref="QueryRunner.Start"/>.</param>
/// <param name="State">Where the run is in its life cycle.</param>
/// <param name="Engine">Engine that runs it (<c>duckdb</c>, <c>trino</c>).</param>
/// <param name="Sql">The statement.</param>
/// <param name="SubmittedAt">When it was started.</param>
/// <param name="StartedAt">When it left the queue.</param>
/// <param name="FinishedAt">When it reached a final state.</param>
/// <param name="Columns">Result columns, once known.</param>
/// <param name="RowCount">Rows held so far (final once finished).</param>
/// <param name="Truncated">True when the row cap or the byte budget stopped reading before the end of the result.</param>
/// <param name="Error">Why it failed or was cancelled.</param>
/// <param name="TruncatedBy">Which limit cut the result; null when it is whole.</param>
public sealed record QueryStatus(
    string Id,
    QueryState State,
    string Engine,
    string Sql,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<ResultColumn>? Columns,
    int RowCount,
    bool Truncated,
    QueryError? Error,
    TruncationReason? TruncatedBy = null)
{
    /// <summary>Time spent waiting for a slot.</summary>
    public TimeSpan QueuedTime => (StartedAt ?? FinishedAt ?? DateTimeOffset.UtcNow) - SubmittedAt;

    /// <summary>Execution time so far (or in total once finished).</summary>
    public TimeSpan? ExecutionTime => StartedAt is { } started ? (FinishedAt ?? DateTimeOffset.UtcNow) - started : null;

    /// <summary>True for Succeeded, Failed and Cancelled.</summary>
    public bool IsFinished => State is QueryState.Succeeded or QueryState.Failed or QueryState.Cancelled;
}
