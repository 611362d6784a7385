using TownLake.Catalog.Lineage;

namespace TownLake.Catalog.Tests.Reliability;

/// <summary>
/// Building the in-memory lineage graph costs the same per edge at any size (O(edges)): pinned by the bytes it
/// allocates per edge, which unlike time does not depend on how busy the machine is.
/// </summary>
public sealed class LineageSnapshotCostTests
{
    [Fact]
    public void Snapshot_build_allocates_about_the_same_per_edge_for_eight_times_the_edges()
    {
        var small = Edges(8_000);
        var large = Edges(64_000);
        LineageSnapshot.Build(Edges(100), 1); // JIT and first-use allocations out of the way

        var perEdgeSmall = AllocatedPerEdge(small);
        var perEdgeLarge = AllocatedPerEdge(large);

        // Linear: the same bytes per edge give or take the collections' doubling. Anything per edge × edges would be 8×.
        Assert.InRange(perEdgeLarge / perEdgeSmall, 0.5, 1.6);
    }

    private static double AllocatedPerEdge(IReadOnlyList<LineageEdge> edges)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var snapshot = LineageSnapshot.Build(edges, 1);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(snapshot.EdgeCount > edges.Count / 3, "the graph lost edges");
        return (double)bytes / edges.Count;
    }

    /// <summary>Layers of datasets, each fed by two of the previous layer; every third edge by a job and every fourth a column edge.</summary>
    private static List<LineageEdge> Edges(int count)
    {
        var edges = new List<LineageEdge>(count);
        for (var i = 0; edges.Count < count; i++)
        {
            var down = $"urn:tl:dataset:w.s.t{i + 100}";
            foreach (var up in new[] { $"urn:tl:dataset:w.s.t{i}", $"urn:tl:dataset:w.s.t{i / 2}" })
            {
                edges.Add(i % 4 == 0
                    ? new LineageEdge { UpstreamUrn = up, DownstreamUrn = down, UpstreamColumn = "amount", DownstreamColumn = "total", Origin = "sql" }
                    : new LineageEdge { UpstreamUrn = up, DownstreamUrn = down, Origin = "openlineage", JobUrn = i % 3 == 0 ? $"urn:tl:job:j{i % 50}" : null });
            }
        }

        return edges;
    }
}
