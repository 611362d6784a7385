using System.Collections;
using DuckDB.NET.Data;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// Extracts a DuckDB database file (opened read-only) through DuckDB's metadata functions:
/// <c>duckdb_schemas()</c>, <c>duckdb_tables()</c>, <c>duckdb_views()</c>, <c>duckdb_columns()</c>, <c>duckdb_constraints()</c>.
/// </summary>
public sealed class DuckDbMetadataExtractor : IMetadataExtractor
{
    private const string CurrentDatabase = "database_name = current_database()";

    /// <inheritdoc />
    public ConnectionType Type => ConnectionType.DuckDb;

    /// <inheritdoc />
    public Task<ExtractedCatalog> ExtractAsync(
        ConnectionSettings connection, IProgress<ExtractionProgress>? progress, CancellationToken cancellationToken)
    {
        connection.Validate();
        var path = connection.Path!;
        if (path != ":memory:" && !File.Exists(path))
        {
            throw new MetadataExtractionException($"Connection '{connection.Name}': the DuckDB file '{path}' does not exist.");
        }

        // DuckDB's API is synchronous; run it off the caller's thread.
        return Task.Run(() => Extract(connection, path, progress, cancellationToken), cancellationToken);
    }

    private static ExtractedCatalog Extract(ConnectionSettings connection, string path, IProgress<ExtractionProgress>? progress, CancellationToken cancellationToken)
    {
        using var db = new DuckDBConnection(path == ":memory:" ? "DataSource=:memory:" : $"DataSource={path};ACCESS_MODE=READ_ONLY");
        try
        {
            db.Open();
        }
        catch (DuckDBException ex)
        {
            throw new MetadataExtractionException($"Connection '{connection.Name}': cannot open DuckDB file '{path}': {ex.Message}", ex);
        }

        progress?.Report(new ExtractionProgress("schemas", 0, 4));
        var schemas = Rows(db, $"SELECT schema_name, comment FROM duckdb_schemas() WHERE {CurrentDatabase} AND schema_name NOT IN ('information_schema', 'pg_catalog') ORDER BY schema_name")
            .Select(r => new ExtractedSchema((string)r[0]!, r[1] as string))
            .ToList();
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report(new ExtractionProgress("columns", 1, 4));
        var columns = Rows(db, $"SELECT schema_name, table_name, column_name, column_index, data_type, is_nullable, comment FROM duckdb_columns() WHERE {CurrentDatabase} AND NOT internal ORDER BY schema_name, table_name, column_index")
            .GroupBy(r => ((string)r[0]!, (string)r[1]!))
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<ExtractedColumn>)g.Select(r => new ExtractedColumn((string)r[2]!, Convert.ToInt32(r[3]), (string)r[4]!, (bool)r[5]!, r[6] as string)).ToList());
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Report(new ExtractionProgress("constraints", 2, 4));
        var primaryKeys = new Dictionary<(string, string), IReadOnlyList<string>>();
        var foreignKeys = new Dictionary<(string, string), List<ExtractedForeignKey>>();
        foreach (var r in Rows(db, $"SELECT schema_name, table_name, constraint_type, constraint_column_names, referenced_table, referenced_column_names, constraint_name FROM duckdb_constraints() WHERE {CurrentDatabase} AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY') ORDER BY schema_name, table_name, constraint_index"))
        {
            var key = ((string)r[0]!, (string)r[1]!);
            var keyColumns = Strings(r[3]);
            if ((string)r[2]! == "PRIMARY KEY")
            {
                primaryKeys[key] = keyColumns;
                continue;
            }

            if (!foreignKeys.TryGetValue(key, out var list))
            {
                list = [];
                foreignKeys[key] = list;
            }

            // DuckDB only allows foreign keys within one schema, so the referenced schema is the owner's.
            list.Add(new ExtractedForeignKey(r[6] as string ?? $"{key.Item2}_fk_{list.Count + 1}", keyColumns, key.Item1, (string)r[4]!, Strings(r[5])));
        }

        progress?.Report(new ExtractionProgress("tables", 3, 4));
        var tables = new List<ExtractedTable>();
        foreach (var r in Rows(db, $"SELECT schema_name, table_name, comment, estimated_size FROM duckdb_tables() WHERE {CurrentDatabase} AND NOT temporary"))
        {
            var key = ((string)r[0]!, (string)r[1]!);
            tables.Add(new ExtractedTable(
                key.Item1, key.Item2, TableKind.Table, columns.GetValueOrDefault(key) ?? [], r[2] as string, null,
                primaryKeys.GetValueOrDefault(key), foreignKeys.GetValueOrDefault(key), r[3] is null ? null : Convert.ToInt64(r[3])));
        }

        foreach (var r in Rows(db, $"SELECT schema_name, view_name, comment, sql FROM duckdb_views() WHERE {CurrentDatabase} AND NOT internal AND NOT temporary"))
        {
            var key = ((string)r[0]!, (string)r[1]!);
            tables.Add(new ExtractedTable(key.Item1, key.Item2, TableKind.View, columns.GetValueOrDefault(key) ?? [], r[2] as string, r[3] as string));
        }

        progress?.Report(new ExtractionProgress("done", 4, 4));
        var sorted = tables.OrderBy(t => t.Schema, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new ExtractedCatalog(connection.Name, ConnectionType.DuckDb, schemas, sorted, DateTimeOffset.UtcNow, []);
    }

    private static List<object?[]> Rows(DuckDBConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static IReadOnlyList<string> Strings(object? list) =>
        list is IEnumerable items ? items.Cast<object?>().Select(i => i?.ToString() ?? string.Empty).ToList() : [];
}
