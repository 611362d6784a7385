namespace TownLake.Catalog.Lineage;

/// <summary>
/// The lineage graph: dataset- and column-level edges keyed by (upstream, downstream, columns, origin, job), walked in
/// the database; every write logs the downstream datasets it changed in the change log, which in-memory graphs follow.
/// </summary>
public interface ILineageStore
{
    /// <summary>
    /// Replaces the lineage edges that one origin (e.g. <c>sql</c>, <c>openlineage</c>) and job recorded into a downstream
    /// dataset with <paramref name="edges"/>; re-sending the same edges changes nothing. Column edges imply their
    /// dataset-level edge, which is stored too. BAD_USER_INPUT when an edge leads elsewhere or has another origin.
    /// </summary>
    Task ReplaceLineageAsync(string downstreamUrn, string origin, string? jobUrn, IReadOnlyList<LineageEdge> edges, CancellationToken cancellationToken);

    /// <summary>Adds or updates edges without removing others (manual edges, batch loads).</summary>
    Task UpsertLineageAsync(IReadOnlyList<LineageEdge> edges, CancellationToken cancellationToken);

    /// <summary>The edges touching a dataset directly (dataset- and column-level).</summary>
    Task<IReadOnlyList<LineageEdge>> GetLineageEdgesAsync(string urn, LineageDirection direction, CancellationToken cancellationToken);

    /// <summary>Walks dataset-level lineage in the database (recursive CTE), cycle-safe, up to a depth and a node cap.</summary>
    Task<LineageWalk> WalkLineageAsync(string urn, LineageDirection direction, int depth, int maxNodes, CancellationToken cancellationToken);

    /// <summary>The edges among a set of datasets (for drawing a walked graph), optionally with column edges.</summary>
    Task<IReadOnlyList<LineageEdge>> GetEdgesAmongAsync(IReadOnlyCollection<string> urns, bool includeColumns, CancellationToken cancellationToken);

    /// <summary>Every lineage edge (dataset- and column-level), streamed: in-memory lineage indexes are built from this.</summary>
    IAsyncEnumerable<LineageEdge> StreamLineageEdgesAsync(CancellationToken cancellationToken);

    /// <summary>Every edge (dataset- and column-level) leading into each of <paramref name="downstreamUrns"/>: what a lineage change-log entry's follower re-reads.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<LineageEdge>>> GetEdgesIntoManyAsync(IReadOnlyCollection<string> downstreamUrns, CancellationToken cancellationToken);
}
