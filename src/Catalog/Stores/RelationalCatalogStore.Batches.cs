using Dapper;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.History;
using TownLake.Catalog.Identity;
using TownLake.Catalog.QueryFront;

namespace TownLake.Catalog.Stores;

/// <summary>
/// Batched reads for GraphQL DataLoaders: one statement answers a relation for every parent of a GraphQL level.
/// "The first n per parent" is a <c>ROW_NUMBER()</c> window partitioned by parent (SQLite 3.25+ and PostgreSQL share
/// it), ordered exactly as the single-parent read orders, so each parent gets the rows that read would give it.
/// </summary>
public abstract partial class RelationalCatalogStore
{
    /// <summary>Keys per statement: keeps the parameter count under SQLite's limit, as <see cref="GetManyAsync{T}"/> does.</summary>
    private const int BatchChunk = 500;

    public async Task<IReadOnlyDictionary<string, DatasetUsageStats>> GetDatasetUsageManyAsync(IReadOnlyCollection<string> datasetUrns, int top, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, DatasetUsageStats>(StringComparer.Ordinal);
        if (datasetUrns.Count == 0)
        {
            return result;
        }

        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in datasetUrns.Distinct().Chunk(BatchChunk))
        {
            var (names, parameters) = InList(chunk);
            parameters.Add("state", Succeeded);
            parameters.Add("top", top);
            // Totals, top users and datasets read together in one statement: a row's kind says which it is, and its
            // position keeps the single-dataset read's order (count descending, then name).
            var used = "FROM query_audit_datasets d JOIN query_audit q ON q.id = d.query_id";
            var wanted = $"d.dataset_urn IN ({names}) AND q.state = @state AND q.purpose = 'QUERY'";
            var rows = await connection.QueryAsync<(string Kind, string Urn, string Label, long Count, long Users, long Last, long Position)>(new CommandDefinition($"""
                SELECT 't', d.dataset_urn, '', COUNT(*), COUNT(DISTINCT q.user_name), MAX(q.submitted_at), 0
                {used} WHERE {wanted} GROUP BY d.dataset_urn
                UNION ALL
                SELECT 'u', urn, label, n, 0, 0, pos FROM (
                  SELECT d.dataset_urn AS urn, q.user_name AS label, COUNT(*) AS n,
                    ROW_NUMBER() OVER (PARTITION BY d.dataset_urn ORDER BY COUNT(*) DESC, q.user_name) AS pos
                  {used} WHERE {wanted} GROUP BY d.dataset_urn, q.user_name) top_users
                WHERE pos <= @top
                UNION ALL
                SELECT 'j', urn, label, n, 0, 0, pos FROM (
                  SELECT d.dataset_urn AS urn, o.dataset_name AS label, COUNT(*) AS n,
                    ROW_NUMBER() OVER (PARTITION BY d.dataset_urn ORDER BY COUNT(*) DESC, o.dataset_name) AS pos
                  {used} JOIN query_audit_datasets o ON o.query_id = d.query_id AND o.dataset_urn <> d.dataset_urn
                  WHERE {wanted} GROUP BY d.dataset_urn, o.dataset_name) joined
                WHERE pos <= @top
                """, parameters, cancellationToken: cancellationToken));
            foreach (var group in rows.GroupBy(r => r.Urn, StringComparer.Ordinal))
            {
                var totals = group.Single(r => r.Kind == "t");
                result[group.Key] = new DatasetUsageStats(
                    (int)totals.Count,
                    (int)totals.Users,
                    DateTimeOffset.FromUnixTimeMilliseconds(totals.Last),
                    group.Where(r => r.Kind == "u").OrderBy(r => r.Position).Select(r => new UserQueryCount(r.Label, (int)r.Count)).ToList(),
                    group.Where(r => r.Kind == "j").OrderBy(r => r.Position).Select(r => new JoinedDatasetCount(r.Label, (int)r.Count)).ToList());
            }
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<QueryRecord>>> ListDatasetQueriesManyAsync(IReadOnlyCollection<string> datasetUrns, string? user, int first, CancellationToken cancellationToken)
    {
        if (first is < 0 or > 1000)
        {
            throw CatalogException.BadInput("'first' must be between 0 and 1000.");
        }

        var result = new Dictionary<string, IReadOnlyList<QueryRecord>>(StringComparer.Ordinal);
        if (datasetUrns.Count == 0)
        {
            return result;
        }

        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in datasetUrns.Distinct().Chunk(BatchChunk))
        {
            var (names, parameters) = InList(chunk);
            parameters.Add("user", user);
            parameters.Add("first", first);
            var rows = (await connection.QueryAsync<AuditRow, string, (AuditRow Row, string Urn)>(new CommandDefinition($"""
                SELECT id, user_name, sql_text, engine, state, submitted_at, started_at, finished_at, row_count, truncated,
                  error_kind, error_message, error_line, error_column, purpose, wanted_urn FROM (
                  SELECT q.*, d.dataset_urn AS wanted_urn,
                    ROW_NUMBER() OVER (PARTITION BY d.dataset_urn ORDER BY q.submitted_at DESC, q.id) AS pos
                  FROM query_audit q JOIN query_audit_datasets d ON d.query_id = q.id
                  WHERE d.dataset_urn IN ({names}){(user is null ? "" : " AND q.user_name = @user")}) ranked
                WHERE pos <= @first ORDER BY wanted_urn, pos
                """, parameters, cancellationToken: cancellationToken), (row, urn) => (row, urn), splitOn: "wanted_urn")).ToList();
            var records = await WithDatasetsAsync(connection, rows.Select(r => r.Row).ToList(), cancellationToken);
            foreach (var group in rows.Select((r, i) => (r.Urn, Record: records[i])).GroupBy(r => r.Urn, StringComparer.Ordinal))
            {
                result[group.Key] = group.Select(r => r.Record).ToList();
            }
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ChangeEvent>>> GetHistoryManyAsync(IReadOnlyCollection<string> urns, int first, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, IReadOnlyList<ChangeEvent>>(StringComparer.Ordinal);
        if (urns.Count == 0)
        {
            return result;
        }

        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in urns.Distinct().Chunk(BatchChunk))
        {
            var (names, parameters) = InList(chunk);
            parameters.Add("first", Math.Clamp(first, 0, 1000));
            var rows = await connection.QueryAsync<(long Id, string Urn, string Aspect, string Actor, long At, string Summary, string? Before, string? After)>(new CommandDefinition($"""
                SELECT id, urn, aspect, actor, at, summary, before_json, after_json FROM (
                  SELECT c.*, ROW_NUMBER() OVER (PARTITION BY urn ORDER BY id DESC) AS pos FROM changes c WHERE urn IN ({names})) ranked
                WHERE pos <= @first ORDER BY urn, pos
                """, parameters, cancellationToken: cancellationToken));
            foreach (var group in rows.GroupBy(r => r.Urn, StringComparer.Ordinal))
            {
                result[group.Key] = group.Select(r => new ChangeEvent(r.Id, r.Urn, r.Aspect, r.Actor, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Summary, r.Before, r.After)).ToList();
            }
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<T>>> ListLinkingManyAsync<T>(EntityType type, string rel, IReadOnlyCollection<string> targets, CancellationToken cancellationToken) where T : class, ICatalogEntity
    {
        var result = new Dictionary<string, IReadOnlyList<T>>(StringComparer.Ordinal);
        if (targets.Count == 0)
        {
            return result;
        }

        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in targets.Distinct().Chunk(BatchChunk))
        {
            var (names, parameters) = InList(chunk);
            parameters.Add("type", TypeName(type));
            parameters.Add("rel", rel);
            var rows = await connection.QueryAsync<(string Target, string Doc)>(new CommandDefinition($"""
                SELECT l.target, e.doc FROM entity_links l JOIN entities e ON e.urn = l.urn
                WHERE l.rel = @rel AND l.target IN ({names}) AND e.type = @type AND e.removed = 0
                ORDER BY l.target, e.name
                """, parameters, cancellationToken: cancellationToken));
            Group(rows, result);
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Dataset>>> ListDatasetsByLinkManyAsync(string rel, IReadOnlyCollection<string> targets, int first, CancellationToken cancellationToken)
    {
        if (first is < 0 or > 1000)
        {
            throw CatalogException.BadInput("'first' must be between 0 and 1000.");
        }

        var result = new Dictionary<string, IReadOnlyList<Dataset>>(StringComparer.Ordinal);
        if (targets.Count == 0)
        {
            return result;
        }

        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in targets.Distinct().Chunk(BatchChunk))
        {
            var (names, parameters) = InList(chunk);
            parameters.Add("rel", rel);
            parameters.Add("first", first);
            var rows = await connection.QueryAsync<(string Target, string Doc)>(new CommandDefinition($"""
                SELECT target, doc FROM (
                  SELECT l.target, e.doc, ROW_NUMBER() OVER (PARTITION BY l.target ORDER BY e.name) AS pos
                  FROM entity_links l JOIN entities e ON e.urn = l.urn
                  WHERE l.rel = @rel AND l.target IN ({names}) AND e.type = 'dataset' AND e.removed = 0) ranked
                WHERE pos <= @first ORDER BY target, pos
                """, parameters, cancellationToken: cancellationToken));
            Group(rows, result);
        }

        return result;
    }

    /// <summary>Groups (target, document) rows, already ordered within each target, into the result.</summary>
    private static void Group<T>(IEnumerable<(string Target, string Doc)> rows, Dictionary<string, IReadOnlyList<T>> result) where T : class, ICatalogEntity
    {
        foreach (var group in rows.GroupBy(r => r.Target, StringComparer.Ordinal))
        {
            result[group.Key] = group.Select(r => Read<T>(r.Doc)).ToList();
        }
    }
}
