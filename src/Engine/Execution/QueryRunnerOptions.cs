namespace TownLake.Engine.Execution;

/// <summary>Settings of <see cref="QueryRunner"/>.</summary>
public sealed class QueryRunnerOptions
{
    /// <summary>Runs executing at once; later ones wait as <see cref="QueryState.Queued"/>.</summary>
    public int MaxConcurrentQueries { get; set; } = 4;

    /// <summary>Limits used when a request carries none.</summary>
    public QueryLimits DefaultLimits { get; set; } = QueryLimits.Default;

    /// <summary>How long a finished run's rows stay available for paging.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Finished runs kept at most (oldest evicted first), bounding memory to this × the row cap.</summary>
    public int MaxRetainedRuns { get; set; } = 100;
}
