using TownLake.Catalog.Lineage;

namespace TownLake.Catalog.Tests.Reliability;

/// <summary>A real lineage store, wrapped to count what a follower reads from it (how a test pins the cost of catching up).</summary>
public sealed class CountingLineageStore(ILineageStore inner) : ILineageStore
{
    private int _streams;
    private int _streamedEdges;
    private int _intoManyReads;
    private int _intoManyDatasets;

    public int Streams => _streams;

    public int StreamedEdges => _streamedEdges;

    public int IntoManyReads => _intoManyReads;

    public int IntoManyDatasets => _intoManyDatasets;

    public Task ReplaceLineageAsync(string downstreamUrn, string origin, string? jobUrn, IReadOnlyList<LineageEdge> edges, CancellationToken cancellationToken) =>
        inner.ReplaceLineageAsync(downstreamUrn, origin, jobUrn, edges, cancellationToken);

    public Task UpsertLineageAsync(IReadOnlyList<LineageEdge> edges, CancellationToken cancellationToken) => inner.UpsertLineageAsync(edges, cancellationToken);

    public Task<IReadOnlyList<LineageEdge>> GetLineageEdgesAsync(string urn, LineageDirection direction, CancellationToken cancellationToken) =>
        inner.GetLineageEdgesAsync(urn, direction, cancellationToken);

    public Task<LineageWalk> WalkLineageAsync(string urn, LineageDirection direction, int depth, int maxNodes, CancellationToken cancellationToken) =>
        inner.WalkLineageAsync(urn, direction, depth, maxNodes, cancellationToken);

    public Task<IReadOnlyList<LineageEdge>> GetEdgesAmongAsync(IReadOnlyCollection<string> urns, bool includeColumns, CancellationToken cancellationToken) =>
        inner.GetEdgesAmongAsync(urns, includeColumns, cancellationToken);

    public async IAsyncEnumerable<LineageEdge> StreamLineageEdgesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _streams);
        await foreach (var edge in inner.StreamLineageEdgesAsync(cancellationToken))
        {
            Interlocked.Increment(ref _streamedEdges);
            yield return edge;
        }
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<LineageEdge>>> GetEdgesIntoManyAsync(IReadOnlyCollection<string> downstreamUrns, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _intoManyReads);
        Interlocked.Add(ref _intoManyDatasets, downstreamUrns.Count);
        return inner.GetEdgesIntoManyAsync(downstreamUrns, cancellationToken);
    }
}
