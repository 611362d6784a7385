using DuckDB.NET.Data;
using TownLake.Engine.Connectors.Postgres;
using TownLake.Engine.Execution;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// Governance inside the federated engine: the statement sees each source through views that show only the columns
/// the caller may query, masked ones as a keyed hash.
/// </summary>
internal static class GovernedViews
{
    /// <summary>Refuses the query when it reads a table the caller may not see.</summary>
    public static void RequireVisible(List<BoundReference> references, QueryVisibility visibility)
    {
        var refused = references.FirstOrDefault(r => visibility.Find(r.Connection.Name, r.Schema, r.Table) is null);
        if (refused is not null)
        {
            throw new QueryException(QueryErrorKind.AccessDenied,
                $"Access denied to dataset '{refused.DatasetName}': it is not approved for querying or you hold no grant for it; request access on its catalog page.");
        }
    }

    /// <summary>
    /// Creates, in a catalog named as the connection, one view per table the statement reads with only the columns the
    /// query may see (masked ones as a keyed hash) over the source set up under <paramref name="source"/>. Columns the
    /// source does not have (the catalog is behind) are left out rather than failing the query.
    /// </summary>
    public static void CreateGovernedViews(DuckDBConnection duck, ConnectionSettings connection, List<BoundReference> references, string source, QueryVisibility visibility)
    {
        var catalog = PostgresSql.Quote(connection.Name);
        FederatedSources.Execute(duck, $"ATTACH ':memory:' AS {catalog}");
        foreach (var reference in references.DistinctBy(r => $"{r.Schema}.{r.Table}".ToLowerInvariant()))
        {
            var visible = visibility.Find(connection.Name, reference.Schema, reference.Table)!;
            var existing = SourceColumns(duck, source, reference.Schema, reference.Table);
            var columns = visible.Columns.Where(c => existing.Contains(c.Name)).ToList();
            if (columns.Count == 0)
            {
                throw new QueryException(QueryErrorKind.AccessDenied,
                    $"Access denied to dataset '{reference.DatasetName}': none of its columns is approved for querying yet.");
            }

            var key = PostgresSql.Literal(visibility.MaskKey + ":");
            var projection = string.Join(", ", columns.Select(c =>
            {
                var name = PostgresSql.Quote(existing.First(e => string.Equals(e, c.Name, StringComparison.OrdinalIgnoreCase)));
                return c.Masked
                    ? $"CASE WHEN {name} IS NULL THEN NULL ELSE {PostgresSql.Literal(QueryVisibility.MaskPrefix)} || substr(sha256({key} || CAST({name} AS VARCHAR)), 1, 16) END AS {name}"
                    : name;
            }));
            var schema = PostgresSql.Quote(reference.Schema.ToLowerInvariant());
            FederatedSources.Execute(duck,
                $"CREATE SCHEMA IF NOT EXISTS {catalog}.{schema}; " +
                $"CREATE VIEW {catalog}.{schema}.{PostgresSql.Quote(reference.Table.ToLowerInvariant())} AS SELECT {projection} " +
                $"FROM {PostgresSql.Quote(source)}.{PostgresSql.Quote(reference.Schema)}.{PostgresSql.Quote(reference.Table)}");
        }
    }

    private static HashSet<string> SourceColumns(DuckDBConnection duck, string catalog, string schema, string table)
    {
        using var command = duck.CreateCommand();
        command.CommandText = "SELECT column_name FROM duckdb_columns() WHERE database_name = $1 AND lower(schema_name) = lower($2) AND lower(table_name) = lower($3)";
        command.Parameters.Add(new DuckDBParameter(catalog));
        command.Parameters.Add(new DuckDBParameter(schema));
        command.Parameters.Add(new DuckDBParameter(table));
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
