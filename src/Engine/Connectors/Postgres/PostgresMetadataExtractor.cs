using Npgsql;

namespace TownLake.Engine.Connectors.Postgres;

/// <summary>
/// Extracts a PostgreSQL database from pg_catalog with four set-based queries (schemas, relations, columns,
/// constraints), so the cost does not grow with round trips per table. Partitions are folded into their parent.
/// </summary>
public sealed class PostgresMetadataExtractor : IMetadataExtractor
{
    private const string SystemSchemaFilter =
        "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    /// <inheritdoc />
    public ConnectionType Type => ConnectionType.Postgres;

    /// <inheritdoc />
    public async Task<ExtractedCatalog> ExtractAsync(
        ConnectionSettings connection, IProgress<ExtractionProgress>? progress, CancellationToken cancellationToken)
    {
        connection.Validate();
        await using var db = new NpgsqlConnection(connection.ConnectionString);
        try
        {
            await db.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new MetadataExtractionException($"Connection '{connection.Name}': cannot reach PostgreSQL ({PostgresConnectFailure.Describe(ex)}).", ex);
        }

        // One snapshot, so the four queries see the same catalog even while DDL runs.
        await using var transaction = await db.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        progress?.Report(new ExtractionProgress("schemas", 0, 4));
        var schemas = await ReadSchemasAsync(db, cancellationToken);
        progress?.Report(new ExtractionProgress("tables", 1, 4));
        var relations = await ReadRelationsAsync(db, cancellationToken);
        progress?.Report(new ExtractionProgress("columns", 2, 4));
        var columns = await ReadColumnsAsync(db, cancellationToken);
        progress?.Report(new ExtractionProgress("constraints", 3, 4));
        var (primaryKeys, foreignKeys) = await ReadConstraintsAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var tables = relations
            .Select(r => new ExtractedTable(
                r.Schema,
                r.Name,
                r.Kind,
                columns.TryGetValue(r.Oid, out var c) ? c : [],
                r.Comment,
                r.ViewSql,
                primaryKeys.TryGetValue(r.Oid, out var pk) ? pk : [],
                foreignKeys.TryGetValue(r.Oid, out var fks) ? fks : [],
                r.RowCount,
                r.SizeBytes))
            .ToList();
        progress?.Report(new ExtractionProgress("done", 4, 4));
        return new ExtractedCatalog(connection.Name, ConnectionType.Postgres, schemas, tables, DateTimeOffset.UtcNow, []);
    }

    private sealed record Relation(uint Oid, string Schema, string Name, TableKind Kind, string? Comment, string? ViewSql, long? RowCount, long? SizeBytes);

    private static async Task<List<ExtractedSchema>> ReadSchemasAsync(NpgsqlConnection db, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT n.nspname, obj_description(n.oid, 'pg_namespace')
            FROM pg_namespace n
            WHERE {SystemSchemaFilter}
            ORDER BY n.nspname
            """;
        var schemas = new List<ExtractedSchema>();
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            schemas.Add(new ExtractedSchema(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return schemas;
    }

    private static async Task<List<Relation>> ReadRelationsAsync(NpgsqlConnection db, CancellationToken cancellationToken)
    {
        // reltuples is -1 for a table never vacuumed/analyzed (PostgreSQL 14+): reported as unknown.
        // A partitioned parent's rows and bytes are the sums over its partitions.
        var sql = $"""
            SELECT c.oid, n.nspname, c.relname, c.relkind::text,
                   obj_description(c.oid, 'pg_class'),
                   CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
                   CASE c.relkind
                     WHEN 'p' THEN (SELECT sum(greatest(p.reltuples, 0))::int8 FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid WHERE i.inhparent = c.oid)
                     WHEN 'v' THEN NULL
                     ELSE CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::int8 END
                   END,
                   CASE c.relkind
                     WHEN 'p' THEN (SELECT sum(pg_total_relation_size(i.inhrelid))::int8 FROM pg_inherits i WHERE i.inhparent = c.oid)
                     WHEN 'v' THEN NULL
                     WHEN 'f' THEN NULL
                     ELSE pg_total_relation_size(c.oid)
                   END
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition AND {SystemSchemaFilter}
            ORDER BY n.nspname, c.relname
            """;
        var relations = new List<Relation>();
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var kind = reader.GetString(3) switch
            {
                "v" => TableKind.View,
                "m" => TableKind.MaterializedView,
                "f" => TableKind.External,
                _ => TableKind.Table,
            };
            relations.Add(new Relation(
                reader.GetFieldValue<uint>(0),
                reader.GetString(1),
                reader.GetString(2),
                kind,
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5).Trim(),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetInt64(7)));
        }

        return relations;
    }

    private static async Task<Dictionary<uint, List<ExtractedColumn>>> ReadColumnsAsync(NpgsqlConnection db, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT a.attrelid, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.attnotnull, col_description(a.attrelid, a.attnum)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE a.attnum > 0 AND NOT a.attisdropped
              AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition AND {SystemSchemaFilter}
            ORDER BY a.attrelid, a.attnum
            """;
        var columns = new Dictionary<uint, List<ExtractedColumn>>();
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ordinal = 0;
        uint current = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var oid = reader.GetFieldValue<uint>(0);
            if (!columns.TryGetValue(oid, out var list))
            {
                list = [];
                columns[oid] = list;
            }

            // attnum has gaps after dropped columns; the ordinal counts visible columns.
            ordinal = oid == current ? ordinal + 1 : 1;
            current = oid;
            list.Add(new ExtractedColumn(
                reader.GetString(1),
                ordinal,
                reader.GetString(3),
                !reader.GetBoolean(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return columns;
    }

    private static async Task<(Dictionary<uint, IReadOnlyList<string>> PrimaryKeys, Dictionary<uint, List<ExtractedForeignKey>> ForeignKeys)>
        ReadConstraintsAsync(NpgsqlConnection db, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT con.conrelid, con.conname, con.contype::text,
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   rn.nspname, rc.relname,
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class rc ON rc.oid = con.confrelid
            LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE con.contype IN ('p', 'f') AND NOT c.relispartition AND {SystemSchemaFilter}
            ORDER BY con.conrelid, con.conname
            """;
        var primaryKeys = new Dictionary<uint, IReadOnlyList<string>>();
        var foreignKeys = new Dictionary<uint, List<ExtractedForeignKey>>();
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var oid = reader.GetFieldValue<uint>(0);
            var keyColumns = reader.GetFieldValue<string[]>(3);
            if (reader.GetString(2) == "p")
            {
                primaryKeys[oid] = keyColumns;
                continue;
            }

            if (!foreignKeys.TryGetValue(oid, out var list))
            {
                list = [];
                foreignKeys[oid] = list;
            }

            list.Add(new ExtractedForeignKey(
                reader.GetString(1), keyColumns, reader.GetString(4), reader.GetString(5), reader.GetFieldValue<string[]>(6)));
        }

        return (primaryKeys, foreignKeys);
    }
}
