using TownLake.Engine.Connectors.Files;
using TownLake.Engine.Execution;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>A table reference bound to its connection, with DuckDB's defaults filled in (<c>conn.t</c> = <c>conn.main.t</c>).</summary>
internal sealed record BoundReference(TableReference Reference, ConnectionSettings Connection, string Schema, string Table)
{
    private static readonly HashSet<string> ReservedCatalogs = new(StringComparer.OrdinalIgnoreCase) { "memory", "system", "temp", "main" };

    public string DatasetName => $"{Connection.Name}.{Schema}.{Table}";

    /// <summary>Binds every table the statement reads to its connection, or says which name cannot be queried here and why.</summary>
    public static List<BoundReference> ResolveAll(ParsedStatement parsed, IReadOnlyList<ConnectionSettings> connections)
    {
        var byName = new Dictionary<string, ConnectionSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var connection in connections)
        {
            byName[connection.Name] = connection;
        }

        var available = connections.Count == 0 ? "none" : string.Join(", ", connections.Select(c => c.Name).Order(StringComparer.Ordinal));
        var bound = new List<BoundReference>();
        foreach (var reference in parsed.Tables)
        {
            var (catalog, schema) = reference.Catalog is not null
                ? (reference.Catalog, reference.Schema ?? FileLayout.DefaultSchema)
                : (reference.Schema, FileLayout.DefaultSchema);
            var written = string.Join('.', new[] { reference.Catalog, reference.Schema, reference.Name }.Where(p => p is not null));
            if (catalog is null)
            {
                throw new QueryException(QueryErrorKind.UnknownDataset,
                    $"Unknown dataset '{written}': name datasets as connection.schema.table (configured connections: {available}).");
            }

            if (!byName.TryGetValue(catalog, out var connection))
            {
                throw new QueryException(QueryErrorKind.UnknownDataset,
                    $"Unknown dataset '{written}': there is no connection named '{catalog}' (configured connections: {available}).");
            }

            if (ReservedCatalogs.Contains(connection.Name))
            {
                throw new QueryException(QueryErrorKind.InvalidRequest,
                    $"Connection '{connection.Name}' cannot be queried with DuckDB because '{connection.Name}' is a reserved DuckDB catalog name; rename the connection.");
            }

            if (connection.Type is not (ConnectionType.DuckDb or ConnectionType.Files or ConnectionType.Postgres))
            {
                throw new QueryException(QueryErrorKind.InvalidRequest,
                    $"Dataset '{written}' is on the {connection.Type.ToName()} connection '{connection.Name}', which the DuckDB engine cannot read; run it on the {connection.Type.ToName()} engine.");
            }

            var problems = connection.Problems();
            if (problems.Count > 0)
            {
                throw new QueryException(QueryErrorKind.SourceUnavailable, string.Join(" ", problems));
            }

            bound.Add(new BoundReference(reference, connection, schema, reference.Name));
        }

        return bound;
    }

    /// <summary>Refuses the query with UNKNOWN_DATASET naming the first reference the source does not have.</summary>
    public static void RequireAll(List<BoundReference> references, Func<BoundReference, bool> exists)
    {
        var missing = references.FirstOrDefault(r => !exists(r));
        if (missing is not null)
        {
            throw new QueryException(QueryErrorKind.UnknownDataset,
                $"Unknown dataset '{missing.DatasetName}': connection '{missing.Connection.Name}' has no table or view '{missing.Schema}.{missing.Table}'.");
        }
    }
}
