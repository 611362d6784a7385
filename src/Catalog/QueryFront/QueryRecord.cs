namespace TownLake.Catalog.QueryFront;

/// <summary>
/// One query as the catalog records it (the audit trail) and shows it (a run): who ran what, which datasets it read,
/// when, how it ended. A live run and its audit row are the same record at different moments.
/// </summary>
public sealed record QueryRecord
{
    public required string Id { get; init; }
    public required string User { get; init; }
    public required string Sql { get; init; }

    /// <summary>The engine that ran it (<c>duckdb</c>, <c>trino</c>); null when it was refused before running.</summary>
    public string? Engine { get; init; }

    public required QueryRunState State { get; init; }

    /// <summary>Why it was run; only <see cref="QueryPurpose.Query"/> runs count as usage.</summary>
    public QueryPurpose Purpose { get; init; } = QueryPurpose.Query;
    public required DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Rows produced so far (final once finished); null when it never ran.</summary>
    public long? RowCount { get; init; }

    /// <summary>True when the row cap or the memory budget stopped reading before the end of the result.</summary>
    public bool Truncated { get; init; }

    /// <summary>Which limit cut the result (null when whole, and for audit rows read back from the store).</summary>
    public QueryTruncation? TruncatedBy { get; init; }

    /// <summary>Why the result was cut, in words; null when it is whole.</summary>
    public string? TruncationNote => !Truncated ? null : TruncatedBy switch
    {
        QueryTruncation.ByteBudget => "The result was cut at the memory budget of one query (TownLake:Query:MaxResultBytes); select fewer or narrower columns, add filters or aggregate.",
        _ => "The result was cut at the row cap (TownLake:Query:MaxRows); add filters or aggregate.",
    };

    public QueryRecordError? Error { get; init; }

    /// <summary>Catalog names of the datasets the statement reads, sorted.</summary>
    public IReadOnlyList<string> Datasets { get; init; } = [];

    /// <summary>Execution time (queueing excluded) in milliseconds; null until it starts.</summary>
    public int? ElapsedMs(DateTimeOffset now) =>
        StartedAt is { } started ? (int)Math.Clamp(((FinishedAt ?? now) - started).TotalMilliseconds, 0, int.MaxValue) : null;

    public bool IsFinished => State is QueryRunState.Succeeded or QueryRunState.Failed or QueryRunState.Cancelled;
}

/// <summary>Why a query failed, with the 1-based line and column in its SQL when known.</summary>
public sealed record QueryRecordError(QueryFailureKind Kind, string Message, int? Line = null, int? Column = null);
