using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage;

/// <summary>
/// Reads the lineage graph: walks (dataset- or column-level, cycle-safe, capped), impact analysis with owners, the
/// path between two datasets, and neighbour counts. Walks run on the in-memory <see cref="LineageIndex"/>; edge details
/// (origin, transformation, expression, job) come from the store for the walked nodes only.
/// </summary>
public sealed class LineageService(IEntityStore store, ILineageStore lineageStore, LineageIndex index)
{
    public const int MaxDepth = 50;
    public const int MaxNodesLimit = 10_000;

    public async Task<LineageGraph> GetGraphAsync(string urn, LineageDirection direction, int depth, bool columns, int maxNodes, CancellationToken cancellationToken)
    {
        var root = await RequireDatasetAsync(urn, cancellationToken);
        CheckDepth(depth);
        if (maxNodes is < 1 or > MaxNodesLimit)
        {
            throw CatalogException.BadInput($"maxNodes must be between 1 and {MaxNodesLimit}.");
        }

        var snapshot = await index.GetAsync(cancellationToken);
        var walk = snapshot.Walk(root, direction, depth, maxNodes);
        var edges = await lineageStore.GetEdgesAmongAsync(walk.Depths.Keys.ToList(), columns, cancellationToken);
        var nodes = walk.Depths.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new LineageNode(p.Key, null, p.Value)).ToList();
        if (columns)
        {
            var columnNodes = edges.Where(e => e.UpstreamColumn.Length > 0).Select(e => (e.UpstreamUrn, e.UpstreamColumn))
                .Concat(edges.Where(e => e.DownstreamColumn.Length > 0).Select(e => (e.DownstreamUrn, e.DownstreamColumn)))
                .Distinct()
                .OrderBy(c => walk.Depths[c.Item1]).ThenBy(c => c.Item1, StringComparer.Ordinal).ThenBy(c => c.Item2, StringComparer.Ordinal);
            nodes.AddRange(columnNodes.Select(c => new LineageNode(c.Item1, c.Item2, walk.Depths[c.Item1])));
        }

        return new LineageGraph(root, nodes, edges, walk.Truncated);
    }

    /// <summary>Everything downstream of a dataset (or of one of its columns) up to a depth, nearest first, with owners.</summary>
    public async Task<IReadOnlyList<ImpactedItem>> ImpactAsync(string urn, string? column, int depth, CancellationToken cancellationToken)
    {
        var root = await RequireDatasetAsync(urn, cancellationToken);
        CheckDepth(depth);
        var snapshot = await index.GetAsync(cancellationToken);
        List<(string Urn, string? Column, int Depth)> reached;
        if (column is null)
        {
            reached = snapshot.Walk(root, LineageDirection.Downstream, depth, MaxNodesLimit).Depths
                .Where(p => p.Key != root).Select(p => (p.Key, (string?)null, p.Value)).ToList();
        }
        else
        {
            var dataset = await store.GetAsync<Dataset>(root, cancellationToken);
            if (dataset?.FindColumn(column) is null && !snapshot.LineageColumns(root).Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                throw CatalogException.NotFound($"Dataset {root} has no column {InputEcho.Quote(column)}.");
            }

            reached = snapshot.WalkColumn(root, column, LineageDirection.Downstream, depth, MaxNodesLimit).Depths
                .Where(p => p.Key.Urn != root).Select(p => (p.Key.Urn, (string?)p.Key.Column, p.Value)).ToList();
        }

        var datasets = await store.GetManyAsync<Dataset>(reached.Select(r => r.Urn).Distinct().ToList(), cancellationToken);
        return reached
            .Where(r => datasets.ContainsKey(r.Urn))
            .OrderBy(r => r.Depth).ThenBy(r => r.Urn, StringComparer.Ordinal).ThenBy(r => r.Column, StringComparer.Ordinal)
            .Select(r => new ImpactedItem(datasets[r.Urn], r.Column, r.Depth))
            .ToList();
    }

    /// <summary>The shortest chain of dataset edges from one dataset to another, in either direction; null when unconnected.</summary>
    public async Task<IReadOnlyList<LineageEdge>?> PathAsync(string from, string to, CancellationToken cancellationToken)
    {
        var start = await RequireDatasetAsync(from, cancellationToken);
        var goal = await RequireDatasetAsync(to, cancellationToken);
        var snapshot = await index.GetAsync(cancellationToken);
        var steps = snapshot.ShortestPath(start, goal) ?? snapshot.ShortestPath(goal, start);
        if (steps is null)
        {
            return null;
        }

        var edges = await lineageStore.GetEdgesAmongAsync(steps.SelectMany(s => new[] { s.Upstream, s.Downstream }).Distinct().ToList(), false, cancellationToken);
        return steps.Select(s => edges.First(e => e.UpstreamUrn == s.Upstream && e.DownstreamUrn == s.Downstream)).ToList();
    }

    /// <summary>Distinct datasets directly upstream and downstream.</summary>
    public async Task<(int Upstream, int Downstream)> CountsAsync(string urn, CancellationToken cancellationToken) =>
        (await index.GetAsync(cancellationToken)).Counts(urn);

    /// <summary>The canonical dataset URN, or NOT_FOUND when neither the catalog nor the lineage graph knows it.</summary>
    private async Task<string> RequireDatasetAsync(string urn, CancellationToken cancellationToken)
    {
        var canonical = Urn.Dataset(Urn.DatasetNameOf(urn));
        if (await store.GetAsync<Dataset>(canonical, cancellationToken) is null && (await index.GetAsync(cancellationToken)).Counts(canonical) == (0, 0))
        {
            throw CatalogException.NotFound($"No dataset has URN {canonical}.");
        }

        return canonical;
    }

    private static void CheckDepth(int depth)
    {
        if (depth is < 0 or > MaxDepth)
        {
            throw CatalogException.BadInput($"depth must be between 0 and {MaxDepth}.");
        }
    }
}
