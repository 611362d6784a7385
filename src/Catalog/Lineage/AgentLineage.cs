using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage;

/// <summary>
/// A dataset's lineage described compactly for agents (<c>get_lineage</c> over HTTP and MCP): the datasets reached
/// upstream and downstream with their distance, and the edges as <c>from → to</c> with the SQL that makes them.
/// </summary>
public static class AgentLineage
{
    public static async Task<object> DescribeAsync(LineageService lineage, string urn, LineageDirection direction, int depth, bool columns, int maxNodes, CancellationToken cancellationToken)
    {
        var up = direction == LineageDirection.Downstream ? null : await lineage.GetGraphAsync(urn, LineageDirection.Upstream, depth, columns, maxNodes, cancellationToken);
        var down = direction == LineageDirection.Upstream ? null : await lineage.GetGraphAsync(urn, LineageDirection.Downstream, depth, columns, maxNodes, cancellationToken);
        static string Name(string datasetUrn) => Urn.DatasetNameOf(datasetUrn).ToString();
        static object[] Reached(LineageGraph? graph) => graph is null ? [] : [.. graph.Nodes.Where(n => n.Column is null && n.Depth > 0).Select(n => new { dataset = Name(n.DatasetUrn), depth = n.Depth })];
        var edges = new[] { up, down }.OfType<LineageGraph>().SelectMany(g => g.Edges)
            .Where(e => columns ? e.IsColumnEdge : e.UpstreamColumn.Length == 0 && e.DownstreamColumn.Length == 0)
            .DistinctBy(e => (e.UpstreamUrn, e.UpstreamColumn, e.DownstreamUrn, e.DownstreamColumn))
            .Select(e => new
            {
                from = e.UpstreamColumn.Length > 0 ? $"{Name(e.UpstreamUrn)}.{e.UpstreamColumn}" : Name(e.UpstreamUrn),
                to = e.DownstreamColumn.Length > 0 ? $"{Name(e.DownstreamUrn)}.{e.DownstreamColumn}" : Name(e.DownstreamUrn),
                via = e.Transformation,
                expression = e.Expression,
            })
            .ToList();
        return new
        {
            dataset = Name(urn),
            direction = direction.ToString().ToLowerInvariant(),
            depth,
            upstream = Reached(up),
            downstream = Reached(down),
            edges,
            truncated = (up?.Truncated ?? false) || (down?.Truncated ?? false),
        };    }
}
