using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;

namespace TownLake.Catalog.Stores;

/// <summary>
/// Lineage: edges keyed by (downstream, column, upstream, column, origin, job); walks are recursive CTEs; every write
/// logs each downstream it changed in the change log, which in-memory lineage graphs follow.
/// </summary>
/// <remarks>
/// The <c>lineage_version</c> row (migration 10) is no longer written: it was how in-memory graphs noticed a change
/// before the change log, and updating one row in every lineage write made all lineage writers queue for it while
/// each, holding it, queued again for the change-log counter (OpenLineage posts on PostgreSQL took seconds under load).
/// </remarks>
public abstract partial class RelationalCatalogStore : ILineageStore
{
    private const string EdgeColumns = "upstream, downstream, upstream_column, downstream_column, origin, job, transformation, expression, updated_at";

    public async Task ReplaceLineageAsync(string downstreamUrn, string origin, string? jobUrn, IReadOnlyList<LineageEdge> edges, CancellationToken cancellationToken)
    {
        if (edges.Any(e => e.DownstreamUrn != downstreamUrn || e.Origin != origin))
        {
            throw CatalogException.BadInput($"Every replaced lineage edge must lead into {downstreamUrn} from origin '{origin}'.");
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM lineage_edges WHERE downstream = @downstreamUrn AND origin = @origin AND job = @job",
            new { downstreamUrn, origin, job = jobUrn ?? "" }, transaction, cancellationToken: cancellationToken));
        await InsertEdgesAsync(connection, transaction, WithDatasetEdges(edges.Select(e => e with { JobUrn = jobUrn })), cancellationToken);
        await CommitWithChangesAsync(connection, transaction, [new(ChangeLog.ChangeKinds.Lineage, downstreamUrn)], cancellationToken);
    }

    public async Task UpsertLineageAsync(IReadOnlyList<LineageEdge> edges, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await InsertEdgesAsync(connection, transaction, WithDatasetEdges(edges), cancellationToken);
        await CommitWithChangesAsync(connection, transaction, edges.Select(e => new ChangeLog.ChangeRecord(ChangeLog.ChangeKinds.Lineage, e.DownstreamUrn)).ToList(), cancellationToken);
    }

    public async Task<IReadOnlyList<LineageEdge>> GetLineageEdgesAsync(string urn, LineageDirection direction, CancellationToken cancellationToken)
    {
        var sql = direction switch
        {
            LineageDirection.Upstream => $"SELECT {EdgeColumns} FROM lineage_edges WHERE downstream = @urn",
            LineageDirection.Downstream => $"SELECT {EdgeColumns} FROM lineage_edges WHERE upstream = @urn",
            _ => $"SELECT {EdgeColumns} FROM lineage_edges WHERE downstream = @urn UNION SELECT {EdgeColumns} FROM lineage_edges WHERE upstream = @urn",
        };
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EdgeRow>(new CommandDefinition(sql, new { urn }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToEdge()).ToList();
    }

    public async Task<LineageWalk> WalkLineageAsync(string urn, LineageDirection direction, int depth, int maxNodes, CancellationToken cancellationToken)
    {
        if (depth < 0 || maxNodes < 1)
        {
            throw CatalogException.BadInput("Lineage depth must be 0 or more and the node cap at least 1.");
        }

        await using var connection = await OpenAsync(cancellationToken);
        var depths = new Dictionary<string, int>(StringComparer.Ordinal) { [urn] = 0 };
        var truncated = false;
        foreach (var (from, to) in Steps(direction))
        {
            // UNION (not UNION ALL) drops repeated (node, depth) pairs, so cycles end at the depth bound.
            var sql = $"""
                WITH RECURSIVE walk(urn, depth) AS (
                  SELECT @urn, 0
                  UNION
                  SELECT e.{to}, w.depth + 1 FROM walk w JOIN lineage_edges e ON e.{from} = w.urn
                  WHERE w.depth < @depth AND e.upstream_column = '' AND e.downstream_column = ''
                )
                SELECT urn, CAST(MIN(depth) AS BIGINT) AS depth FROM walk GROUP BY urn ORDER BY MIN(depth), urn LIMIT @limit
                """;
            var rows = (await connection.QueryAsync<(string Urn, long Depth)>(new CommandDefinition(sql, new { urn, depth, limit = maxNodes + 1 }, cancellationToken: cancellationToken))).ToList();
            truncated |= rows.Count > maxNodes;
            foreach (var row in rows.Take(maxNodes))
            {
                if (!depths.TryGetValue(row.Urn, out var known) || row.Depth < known)
                {
                    depths[row.Urn] = (int)row.Depth;
                }
            }
        }

        if (depths.Count > maxNodes)
        {
            truncated = true;
            depths = depths.OrderBy(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).Take(maxNodes).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        }

        return new LineageWalk(depths, truncated);
    }

    public async Task<IReadOnlyList<LineageEdge>> GetEdgesAmongAsync(IReadOnlyCollection<string> urns, bool includeColumns, CancellationToken cancellationToken)
    {
        var set = urns.ToHashSet(StringComparer.Ordinal);
        var result = new List<LineageEdge>();
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in set.Chunk(500))
        {
            var (names, parameters) = InList(chunk);

            var columnFilter = includeColumns ? "" : " AND upstream_column = '' AND downstream_column = ''";
            var rows = await connection.QueryAsync<EdgeRow>(new CommandDefinition(
                $"SELECT {EdgeColumns} FROM lineage_edges WHERE upstream IN ({names}){columnFilter}", parameters, cancellationToken: cancellationToken));
            result.AddRange(rows.Where(r => set.Contains(r.Downstream)).Select(r => r.ToEdge()));
        }

        return result;
    }

    public async IAsyncEnumerable<LineageEdge> StreamLineageEdgesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition($"SELECT {EdgeColumns} FROM lineage_edges", cancellationToken: cancellationToken));
        var parser = reader.GetRowParser<EdgeRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return parser(reader).ToEdge();
        }
    }

    private static IEnumerable<(string From, string To)> Steps(LineageDirection direction) => direction switch
    {
        LineageDirection.Upstream => [("downstream", "upstream")],
        LineageDirection.Downstream => [("upstream", "downstream")],
        _ => [("downstream", "upstream"), ("upstream", "downstream")],
    };

    private static IEnumerable<LineageEdge> WithDatasetEdges(IEnumerable<LineageEdge> edges)
    {
        var unique = new Dictionary<(string, string, string, string, string, string), LineageEdge>();
        static (string, string, string, string, string, string) Key(LineageEdge e) =>
            (e.UpstreamUrn, e.DownstreamUrn, e.UpstreamColumn, e.DownstreamColumn, e.Origin, e.JobUrn ?? "");
        foreach (var edge in edges)
        {
            unique[Key(edge)] = edge;
            if (edge.IsColumnEdge || edge.UpstreamColumn.Length > 0)
            {
                var datasetEdge = edge with { UpstreamColumn = "", DownstreamColumn = "", Transformation = null, Expression = null };
                unique.TryAdd(Key(datasetEdge), datasetEdge);
            }
        }

        return unique.Values;
    }

    private async Task InsertEdgesAsync(DbConnection connection, DbTransaction transaction, IEnumerable<LineageEdge> edges, CancellationToken cancellationToken)
    {
        var now = Now();
        var rows = edges.Select(e => new
        {
            upstream = e.UpstreamUrn,
            downstream = e.DownstreamUrn,
            upstreamColumn = e.UpstreamColumn,
            downstreamColumn = e.DownstreamColumn,
            origin = e.Origin,
            job = e.JobUrn ?? "",
            transformation = e.Transformation,
            expression = e.Expression,
            updatedAt = now,
        }).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO lineage_edges ({EdgeColumns})
            VALUES (@upstream, @downstream, @upstreamColumn, @downstreamColumn, @origin, @job, @transformation, @expression, @updatedAt)
            ON CONFLICT (downstream, downstream_column, upstream, upstream_column, origin, job)
            DO UPDATE SET transformation = excluded.transformation, expression = excluded.expression, updated_at = excluded.updated_at
            """, rows, transaction, cancellationToken: cancellationToken));
    }

    private sealed record EdgeRow(string Upstream, string Downstream, string Upstream_Column, string Downstream_Column, string Origin, string Job, string? Transformation, string? Expression, long Updated_At)
    {
        public LineageEdge ToEdge() => new()
        {
            UpstreamUrn = Upstream,
            DownstreamUrn = Downstream,
            UpstreamColumn = Upstream_Column,
            DownstreamColumn = Downstream_Column,
            Origin = Origin,
            JobUrn = Job.Length == 0 ? null : Job,
            Transformation = Transformation,
            Expression = Expression,
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Updated_At),
        };
    }
}
