using TownLake.Catalog.Connections;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Engine.Query;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.Queries;

/// <summary>
/// Works out which catalog datasets (and columns) a statement reads, with the Engine's SQL analyzer, and maps each
/// name onto a configured connection the way the query engines do (<c>conn.table</c> is <c>conn.main.table</c>).
/// </summary>
public sealed class QueryAnalysis(SqlLineageAnalyzer analyzer, ConnectionRegistry connections, DatasetService datasets)
{
    /// <summary>The reads, whether the analysis was complete, and the reason the statement cannot run (null when it can).</summary>
    public sealed record Result(IReadOnlyList<DatasetRead> Reads, bool Complete, QueryRecordError? Refusal);

    public async Task<Result> AnalyzeAsync(string sql, CancellationToken cancellationToken)
    {
        var readSet = await analyzer.GetReadSetAsync(new SqlAnalysisRequest(sql) { Dialect = SqlDialect.DuckDb }, cancellationToken);
        var reads = new Dictionary<string, DatasetRead>(StringComparer.Ordinal);
        foreach (var table in readSet.Tables)
        {
            if (table.Table.IsPath)
            {
                return new Result([], readSet.Complete, new QueryRecordError(QueryErrorKind.InvalidRequest,
                    $"The statement reads the file '{table.Table.Name}' directly; query datasets by their catalog names (connection.schema.table)."));
            }

            var (connectionName, schema) = table.Table.Catalog is not null
                ? (table.Table.Catalog, table.Table.Schema ?? "main")
                : (table.Table.Schema, "main");
            var connection = connectionName is null ? null : connections.Find(connectionName);
            if (connection is null)
            {
                if (!readSet.Complete)
                {
                    // Unparseable SQL: the names come from a token scan and may be noise; the engine reports the syntax error with its position.
                    continue;
                }

                var configured = connections.All.Count == 0 ? "none" : string.Join(", ", connections.All.Select(c => c.Name));
                var reason = connectionName is null
                    ? "name datasets as connection.schema.table"
                    : $"there is no connection named '{connectionName}'";
                return new Result([], true, new QueryRecordError(QueryErrorKind.UnknownDataset,
                    $"Unknown dataset '{table.Table}': {reason} (connections: {configured})."));
            }

            var name = await CatalogNameAsync(new DatasetName(connection.Name, schema, table.Table.Name), cancellationToken);
            if (name is null)
            {
                if (!readSet.Complete)
                {
                    // Names from a token scan may be noise; the engine asks IsCataloguedAsync for what it really reads.
                    continue;
                }

                // Only catalogued datasets are queryable: a table the connection's role can see but nobody ingested is not.
                return new Result([], readSet.Complete, new QueryRecordError(QueryErrorKind.UnknownDataset,
                    $"Unknown dataset '{connection.Name}.{schema}.{table.Table.Name}': it is not in the catalog; only catalogued datasets can be queried (ingest connection '{connection.Name}' first)."));
            }

            var key = name.ToString()!;
            var read = new DatasetRead(key, table.Columns, table.AllColumns);
            reads[key] = reads.TryGetValue(key, out var earlier)
                ? new DatasetRead(key, earlier.Columns.Union(read.Columns, StringComparer.OrdinalIgnoreCase).ToList(), earlier.AllColumns || read.AllColumns)
                : read;
        }

        return new Result(reads.Values.OrderBy(r => r.Dataset, StringComparer.Ordinal).ToList(), readSet.Complete, null);
    }

    /// <summary>
    /// True when <paramref name="name"/> (<c>connection.schema.table</c>, any case) is a catalogued dataset. The query
    /// engines ask this for every dataset they are about to read, so the catalog decides what is queryable even where
    /// the analysis above could not read the statement.
    /// </summary>
    public async Task<bool> IsCataloguedAsync(string name, CancellationToken cancellationToken)
    {
        return DatasetName.TryParse(name, out var parsed, out _) && await CatalogNameAsync(parsed, cancellationToken) is not null;
    }

    /// <summary>
    /// SQL identifiers are case-insensitive: the spelling the catalog has (so usage adds up on one dataset), or null
    /// when the catalog has the dataset in neither spelling.
    /// </summary>
    private async Task<DatasetName?> CatalogNameAsync(DatasetName written, CancellationToken cancellationToken)
    {
        if (await datasets.FindByNameAsync(written.ToString(), cancellationToken) is not null)
        {
            return written;
        }

        var lower = new DatasetName(written.Catalog, written.Schema.ToLowerInvariant(), written.Table.ToLowerInvariant());
        return lower != written && await datasets.FindByNameAsync(lower.ToString(), cancellationToken) is not null ? lower : null;
    }
}
