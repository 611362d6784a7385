namespace TownLake.Engine.Execution;

/// <summary>Settings of <see cref="QueryRunner"/>.</summary>
public sealed class QueryRunnerOptions
{
    /// <summary>Runs executing at once; later ones wait as <see cref="QueryState.Queued"/>.</summary>
    public int MaxConcurrentQueries { get; set; } = 4;

    /// <summary>Runs of one user executing at once, so one user cannot hold every slot while others wait.</summary>
    public int MaxConcurrentQueriesPerUser { get; set; } = 2;

    /// <summary>Unfinished (queued or running) runs one user may have; the next one is refused with <see cref="QueryErrorKind.QuotaExceeded"/>.</summary>
    public int MaxQueuedQueriesPerUser { get; set; } = 10;

    /// <summary>How long a run may wait for a slot; past it the run fails with <see cref="QueryErrorKind.Timeout"/> without having started.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Limits used when a request carries none.</summary>
    public QueryLimits DefaultLimits { get; set; } = QueryLimits.Default;

    /// <summary>How long a finished run's rows stay available for paging.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Finished runs kept at most (oldest evicted first).</summary>
    public int MaxRetainedRuns { get; set; } = 100;

    /// <summary>Finished runs of one user kept at most (that user's oldest evicted first).</summary>
    public int MaxRetainedRunsPerUser { get; set; } = 20;

    /// <summary>
    /// Estimated bytes of rows that finished runs may hold together; past it the oldest finished run of the user holding
    /// the most is evicted. Running runs add at most <see cref="MaxConcurrentQueries"/> × their own byte budget.
    /// </summary>
    public long MaxRetainedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Require(MaxConcurrentQueries >= 1, "MaxConcurrentQueries must be at least 1.");
        Require(MaxConcurrentQueriesPerUser >= 1, "MaxConcurrentQueriesPerUser must be at least 1.");
        Require(MaxQueuedQueriesPerUser >= 1, "MaxQueuedQueriesPerUser must be at least 1.");
        Require(QueueTimeout > TimeSpan.Zero, "QueueTimeout must be positive.");
        Require(Retention > TimeSpan.Zero, "Retention must be positive.");
        Require(MaxRetainedRuns >= 1, "MaxRetainedRuns must be at least 1.");
        Require(MaxRetainedRunsPerUser >= 1, "MaxRetainedRunsPerUser must be at least 1.");
        Require(MaxRetainedBytes >= 1, "MaxRetainedBytes must be at least 1.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, "options");
        }
    }
}
