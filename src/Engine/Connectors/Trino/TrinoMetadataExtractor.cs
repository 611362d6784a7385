using TownLake.Engine.Connectors;

namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// Reads a trino connection's catalog through <c>information_schema</c>: a fixed number of set-based queries per
/// catalog (schemas, tables, views, table comments, columns), whatever the number of tables.
/// </summary>
public sealed class TrinoMetadataExtractor : IMetadataExtractor
{
    private const int Steps = 5;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <param name="http">Shared HTTP client.</param>
    /// <param name="time">Clock for <see cref="ExtractedCatalog.ExtractedAt"/>; the system clock when null.</param>
    public TrinoMetadataExtractor(HttpClient http, TimeProvider? time = null)
    {
        _http = http;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public ConnectionType Type => ConnectionType.Trino;

    /// <inheritdoc />
    public async Task<ExtractedCatalog> ExtractAsync(
        ConnectionSettings connection, IProgress<ExtractionProgress>? progress, CancellationToken cancellationToken)
    {
        var trino = TrinoConnection.From(connection);
        var client = new TrinoClient(_http, trino.ClientOptions);
        var session = new TrinoSession(trino.ServiceUser);
        var catalog = TrinoSql.QuoteIdentifier(trino.Catalog);
        var warnings = new List<string>();

        progress?.Report(new ExtractionProgress("schemas", 0, Steps));
        var schemas = await RunAsync(
            trino, client, session,
            $"SELECT schema_name FROM {catalog}.information_schema.schemata WHERE schema_name <> 'information_schema' ORDER BY schema_name",
            cancellationToken);

        progress?.Report(new ExtractionProgress("tables", 1, Steps));
        var tables = await RunAsync(
            trino, client, session,
            $"SELECT table_schema, table_name, table_type FROM {catalog}.information_schema.tables WHERE table_schema <> 'information_schema' ORDER BY table_schema, table_name",
            cancellationToken);

        // Views and comments are extras: a connector that cannot list them must not cost the tables and columns.
        progress?.Report(new ExtractionProgress("views", 2, Steps));
        var views = await TryRunAsync(
            trino, client, session,
            $"SELECT table_schema, table_name, view_definition FROM {catalog}.information_schema.views WHERE table_schema <> 'information_schema'",
            "view definitions", warnings, cancellationToken);

        progress?.Report(new ExtractionProgress("comments", 3, Steps));
        var comments = await TryRunAsync(
            trino, client, session,
            $"SELECT schema_name, table_name, comment FROM system.metadata.table_comments WHERE catalog_name = {TrinoSql.QuoteString(trino.Catalog)} AND comment IS NOT NULL",
            "table comments", warnings, cancellationToken);

        progress?.Report(new ExtractionProgress("columns", 4, Steps));
        var columns = await RunAsync(
            trino, client, session,
            $"SELECT table_schema, table_name, column_name, ordinal_position, data_type, is_nullable, comment FROM {catalog}.information_schema.columns WHERE table_schema <> 'information_schema' ORDER BY table_schema, table_name, ordinal_position",
            cancellationToken);
        progress?.Report(new ExtractionProgress("columns", Steps, Steps));

        return new ExtractedCatalog(
            trino.Name,
            ConnectionType.Trino,
            schemas.Rows.Select(r => new ExtractedSchema(Text(r[0]))).ToArray(),
            BuildTables(tables, views, comments, columns),
            _time.GetUtcNow(),
            warnings);
    }

    private static ExtractedTable[] BuildTables(TrinoResult tables, TrinoResult? views, TrinoResult? comments, TrinoResult columns)
    {
        var viewSql = (views?.Rows ?? []).ToDictionary(r => (Text(r[0]), Text(r[1])), r => r[2] as string);
        var tableComments = (comments?.Rows ?? []).ToDictionary(r => (Text(r[0]), Text(r[1])), r => r[2] as string);
        var columnsByTable = columns.Rows
            .GroupBy(r => (Text(r[0]), Text(r[1])))
            .ToDictionary(
                g => g.Key,
                g => g.Select(r => new ExtractedColumn(
                        Text(r[2]),
                        (int)System.Convert.ToInt64(r[3], System.Globalization.CultureInfo.InvariantCulture),
                        Text(r[4]),
                        IsNullable: !string.Equals(r[5] as string, "NO", StringComparison.OrdinalIgnoreCase),
                        Comment: r[6] as string))
                    .OrderBy(c => c.Ordinal)
                    .ToArray());

        return tables.Rows
            .Select(r =>
            {
                var key = (Text(r[0]), Text(r[1]));
                var isView = string.Equals(r[2] as string, "VIEW", StringComparison.OrdinalIgnoreCase) || viewSql.ContainsKey(key);
                return new ExtractedTable(
                    key.Item1,
                    key.Item2,
                    isView ? TableKind.View : TableKind.Table,
                    columnsByTable.GetValueOrDefault(key) ?? [],
                    Comment: tableComments.GetValueOrDefault(key),
                    ViewSql: viewSql.GetValueOrDefault(key));
            })
            .OrderBy(t => t.Schema, StringComparer.Ordinal)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();
    }

    private static async Task<TrinoResult> RunAsync(
        TrinoConnection trino, TrinoClient client, TrinoSession session, string sql, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ExecuteAsync(sql, session, cancellationToken);
        }
        catch (TrinoQueryException e) when (e.ErrorName == "CATALOG_NOT_FOUND")
        {
            throw new ConnectionSettingsException(
                $"Connection '{trino.Name}': Trino at {trino.ServerUri} has no catalog '{trino.Catalog}'. Set '{TrinoConnection.CatalogKey}' to one listed by SHOW CATALOGS.",
                e);
        }
        catch (Exception e) when (e is TrinoQueryException or TrinoProtocolException)
        {
            throw new MetadataExtractionException(
                $"Could not read catalog '{trino.Catalog}' of Trino at {trino.ServerUri} for connection '{trino.Name}': {e.Message}", e);
        }
    }

    private static async Task<TrinoResult?> TryRunAsync(
        TrinoConnection trino, TrinoClient client, TrinoSession session, string sql, string what, List<string> warnings,
        CancellationToken cancellationToken)
    {
        try
        {
            return await client.ExecuteAsync(sql, session, cancellationToken);
        }
        catch (TrinoQueryException e)
        {
            warnings.Add($"Trino could not list {what} of catalog '{trino.Catalog}': {e.Message}");
            return null;
        }
        catch (TrinoProtocolException e)
        {
            throw new MetadataExtractionException(
                $"Could not read catalog '{trino.Catalog}' of Trino at {trino.ServerUri} for connection '{trino.Name}': {e.Message}", e);
        }
    }

    private static string Text(object? value) =>
        value as string ?? throw new MetadataExtractionException($"Trino returned {value ?? "null"} where a name was expected.");
}
