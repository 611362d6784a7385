using TownLake.Catalog.Connections;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Engine.Execution;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.QueryFront;

/// <summary>
/// Works out which catalog datasets (and columns) a statement reads from the Engine's one analysis of it
/// (<see cref="StatementAnalysis"/>, which then travels with the query to the engines), and maps each name onto a
/// configured connection the way the query engines do (<c>conn.table</c> is <c>conn.main.table</c>).
/// </summary>
public sealed class QueryAnalysis(SqlLineageAnalyzer analyzer, ConnectionRegistry connections, DatasetService datasets, Governance.AccessEvaluator evaluator)
{
    /// <summary>
    /// The reads, whether the analysis was complete, the reason the statement cannot run (null when it can), and the
    /// statement's analysis, which the query request carries on so nothing parses the statement again.
    /// </summary>
    public sealed record Result(IReadOnlyList<DatasetRead> Reads, bool Complete, QueryRecordError? Refusal, StatementAnalysis Statement);

    /// <summary>
    /// Analyzes a statement; with a <paramref name="caller"/>, <c>*</c> and <c>t.*</c> expand to the columns that exist for
    /// that caller (hidden columns are not read by <c>*</c>, so they are not refused either: the engine leaves them out).
    /// </summary>
    public async Task<Result> AnalyzeAsync(string sql, CancellationToken cancellationToken, Users.Caller? caller = null)
    {
        var statement = await analyzer.AnalyzeStatementAsync(sql, (table, ct) => CatalogColumnsAsync(table, caller, ct), cancellationToken);
        var complete = statement.Parsed;
        var reads = new Dictionary<string, DatasetRead>(StringComparer.Ordinal);
        foreach (var table in statement.Datasets)
        {
            if (table.Written.IsPath)
            {
                return new Result([], complete, new QueryRecordError(QueryFailureKind.InvalidRequest,
                    $"The statement reads the file '{table.Written.Name}' directly; query datasets by their catalog names (connection.schema.table)."), statement);
            }

            var resolved = table.Resolved;
            var connection = resolved is null ? null : connections.Find(resolved.Catalog!);
            if (connection is null)
            {
                if (!complete)
                {
                    // Unparseable SQL: the names come from a token scan and may be noise; the engine reports the syntax error with its position.
                    continue;
                }

                var configured = connections.All.Count == 0 ? "none" : string.Join(", ", connections.All.Select(c => c.Name));
                var reason = resolved is null
                    ? "name datasets as connection.schema.table"
                    : $"there is no connection named '{resolved.Catalog}'";
                return new Result([], true, new QueryRecordError(QueryFailureKind.UnknownDataset,
                    $"Unknown dataset '{table.Written}': {reason} (connections: {configured})."), statement);
            }

            var name = await CatalogNameAsync(new DatasetName(connection.Name, resolved!.Schema!, resolved.Name), cancellationToken);
            if (name is null)
            {
                if (!complete)
                {
                    // Names from a token scan may be noise; the engine asks IsCataloguedAsync for what it really reads.
                    continue;
                }

                // Only catalogued datasets are queryable: a table the connection's role can see but nobody ingested is not.
                return new Result([], complete, new QueryRecordError(QueryFailureKind.UnknownDataset,
                    $"Unknown dataset '{connection.Name}.{resolved.Schema}.{resolved.Name}': it is not in the catalog; only catalogued datasets can be queried (ingest connection '{connection.Name}' first)."), statement);
            }

            var key = name.ToString()!;
            var read = new DatasetRead(key, table.Columns, table.AllColumns);
            reads[key] = reads.TryGetValue(key, out var earlier)
                ? new DatasetRead(key, earlier.Columns.Union(read.Columns, StringComparer.OrdinalIgnoreCase).ToList(), earlier.AllColumns || read.AllColumns)
                : read;
        }

        return new Result(reads.Values.OrderBy(r => r.Dataset, StringComparer.Ordinal).ToList(), complete, null, statement);
    }

    /// <summary>
    /// The catalog's columns of a table the statement names, so <c>*</c> and <c>t.*</c> expand to the columns they
    /// read; null when the name resolves to no connection or the catalog has no columns for it.
    /// </summary>
    private async ValueTask<IReadOnlyList<string>?> CatalogColumnsAsync(SqlTableName table, Users.Caller? caller, CancellationToken cancellationToken)
    {
        if (DatasetReference.Resolve(table) is not { } resolved || connections.Find(resolved.Catalog!) is not { } connection)
        {
            return null;
        }

        var name = await CatalogNameAsync(new DatasetName(connection.Name, resolved.Schema!, resolved.Name), cancellationToken);
        var dataset = name is null ? null : await datasets.FindByNameAsync(name.ToString()!, cancellationToken);
        if (dataset is not { Columns.Count: > 0 })
        {
            return null;
        }

        if (caller is not null)
        {
            var access = await evaluator.EvaluateAsync(caller, dataset, cancellationToken);
            return access.CanQuery ? access.VisibleColumns : null;
        }

        return [.. dataset.Columns.OrderBy(c => c.Ordinal).Select(c => c.Name)];
    }

    /// <summary>
    /// True when <paramref name="name"/> (<c>connection.schema.table</c>, any case) is a catalogued dataset. The query
    /// engines ask this for every dataset they are about to read, so the catalog decides what is queryable even where
    /// the analysis above could not read the statement.
    /// </summary>
    public async Task<bool> IsCataloguedAsync(string name, CancellationToken cancellationToken) =>
        DatasetName.TryParse(name, out var parsed, out _) && await CatalogNameAsync(parsed, cancellationToken) is not null;

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
