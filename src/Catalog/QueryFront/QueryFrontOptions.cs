namespace TownLake.Catalog.QueryFront;

/// <summary>Settings of the query front, under <c>TownLake:Query</c>.</summary>
public sealed class QueryFrontOptions
{
    public const string Section = "TownLake:Query";

    /// <summary>Wall-clock limit of one query (e.g. <c>00:01:00</c>); past it the query is stopped and fails with a timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Rows kept per query at most; reading stops there and the run says it was truncated.</summary>
    public int MaxRows { get; set; } = 100_000;

    /// <summary>Estimated bytes of rows one query keeps in memory at most (default 64 MiB); reading stops there and the run says it was truncated.</summary>
    public long MaxResultBytes { get; set; } = Engine.Execution.QueryLimits.DefaultMaxResultBytes;

    /// <summary>Estimated bytes of rows all finished queries keep together (default 512 MiB); past it the oldest results of the heaviest user are dropped.</summary>
    public long MaxRetainedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Queries executing at once; later ones wait as QUEUED.</summary>
    public int MaxConcurrentQueries { get; set; } = 4;

    /// <summary>Queries of one user executing at once; free slots go to the waiting user with the fewest running queries.</summary>
    public int MaxConcurrentQueriesPerUser { get; set; } = 2;

    /// <summary>Queued or running queries one user may have; the next one is refused with QUERY_QUOTA_EXCEEDED (HTTP 429).</summary>
    public int MaxQueuedQueriesPerUser { get; set; } = 10;

    /// <summary>How long a query may wait for a slot; past it it fails with a timeout without having run.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a finished run's rows stay available for paging.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Finished runs of one user whose rows are kept (that user's oldest dropped first).</summary>
    public int MaxRetainedRunsPerUser { get; set; } = 20;

    /// <summary>
    /// DuckDB memory limit of one query (e.g. <c>256MB</c>): past it the query spills to disk, and fails cleanly when it
    /// cannot. Every running query may use this much, so <see cref="MaxConcurrentQueries"/> times it bounds the memory
    /// queries take from the service (default 4 × 256 MB).
    /// </summary>
    public string DuckDbMemoryLimit { get; set; } = "256MB";

    /// <summary>DuckDB worker threads of one query; empty uses one per core. Lower it so concurrent heavy queries leave cores for everyone else.</summary>
    public int? DuckDbThreads { get; set; }

    /// <summary>DuckDB spill limit of one query (e.g. <c>4GB</c>); a query spilling more fails.</summary>
    public string MaxSpillSize { get; set; } = "4GB";

    /// <summary>Directory under which each DuckDB query gets its own private spill directory; empty uses the system temp directory.</summary>
    public string? SpillDirectory { get; set; }
}
