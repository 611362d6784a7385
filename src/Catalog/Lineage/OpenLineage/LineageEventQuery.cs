namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>
/// One page of stored OpenLineage events, as Marquez's <c>GET /api/v1/events/lineage</c> asks for it: events with
/// <see cref="After"/> ≤ event time &lt; <see cref="Before"/> (either bound optional), optionally of one run, sorted by
/// event time, <see cref="Limit"/> of them after skipping <see cref="Offset"/>.
/// </summary>
public sealed record LineageEventQuery
{
    public const int MaxLimit = 1_000;

    public DateTimeOffset? Before { get; init; }

    public DateTimeOffset? After { get; init; }

    public bool Ascending { get; init; }

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }

    public string? RunId { get; init; }
}

/// <summary>A page of stored events and how many match the query in all.</summary>
public sealed record LineageEventPage(IReadOnlyList<StoredLineageEvent> Events, long TotalCount);
