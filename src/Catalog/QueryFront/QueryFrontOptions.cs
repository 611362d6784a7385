namespace TownLake.Catalog.QueryFront;

/// <summary>Settings of the query front, under <c>TownLake:Query</c>.</summary>
public sealed class QueryFrontOptions
{
    public const string Section = "TownLake:Query";

    /// <summary>Wall-clock limit of one query (e.g. <c>00:01:00</c>); past it the query is stopped and fails with a timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Rows kept per query at most; reading stops there and the run says it was truncated.</summary>
    public int MaxRows { get; set; } = 100_000;

    /// <summary>Queries executing at once; later ones wait as QUEUED.</summary>
    public int MaxConcurrentQueries { get; set; } = 4;

    /// <summary>How long a finished run's rows stay available for paging.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromMinutes(30);
}
