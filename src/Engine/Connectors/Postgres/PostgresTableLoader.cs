using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Npgsql;
using NpgsqlTypes;

namespace TownLake.Engine.Connectors.Postgres;

/// <summary>
/// Streams the needed columns and rows of PostgreSQL tables into DuckDB tables of the same three-part name
/// (projection and simple filter pushdown), because DuckDB's postgres extension cannot be installed offline.
/// </summary>
internal static class PostgresTableLoader
{
    /// <summary>A PostgreSQL table as the statement needs it.</summary>
    /// <param name="Schema">Schema in PostgreSQL (exact spelling).</param>
    /// <param name="Table">Table name in PostgreSQL (exact spelling).</param>
    /// <param name="Columns">Columns to copy, in table order.</param>
    /// <param name="Filters">Comparisons pushed into the PostgreSQL WHERE clause.</param>
    /// <param name="Limit">Rows copied at most (a pushed <c>LIMIT</c>); null copies every matching row.</param>
    public sealed record TableLoad(string Schema, string Table, IReadOnlyList<PostgresColumn> Columns, IReadOnlyList<PushedFilter> Filters, long? Limit = null);

    /// <summary>A comparison <c>column op literal</c> sent to PostgreSQL; the literal goes as an untyped parameter so PostgreSQL infers the column's type.</summary>
    public sealed record PushedFilter(string Column, string Operator, string Literal, string Cast);

    /// <summary>Column metadata of the given tables, in one catalog query; keys are lower-case <c>schema.table</c>.</summary>
    public static async Task<Dictionary<string, (string Schema, string Table, List<PostgresColumn> Columns)>> DescribeAsync(
        NpgsqlConnection connection, IReadOnlyCollection<(string Schema, string Table)> tables, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT n.nspname, c.relname, a.attname, t.typname, t.typtype,
                   CASE WHEN t.typname = 'numeric' AND a.atttypmod >= 4 THEN ((a.atttypmod - 4) >> 16) & 65535 END AS precision,
                   CASE WHEN t.typname = 'numeric' AND a.atttypmod >= 4 THEN (a.atttypmod - 4) & 65535 END AS scale
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            JOIN unnest($1::text[], $2::text[]) AS wanted(schema_name, table_name)
              ON lower(n.nspname) = lower(wanted.schema_name) AND lower(c.relname) = lower(wanted.table_name)
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            ORDER BY n.nspname, c.relname, a.attnum
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tables.Select(t => t.Schema).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = tables.Select(t => t.Table).ToArray() });
        var result = new Dictionary<string, (string, string, List<PostgresColumn>)>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var schema = reader.GetString(0);
            var table = reader.GetString(1);
            var key = $"{schema}.{table}";
            if (!result.TryGetValue(key, out var entry))
            {
                entry = (schema, table, []);
                result[key] = entry;
            }

            entry.Item3.Add(PostgresColumn.From(
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.GetChar(4)));
        }

        return result;
    }

    /// <summary>Creates <c>catalog.schema.table</c> in DuckDB and copies the selected rows into it; returns the row count.</summary>
    public static async Task<long> LoadAsync(
        NpgsqlConnection source, DuckDBConnection target, string catalog, TableLoad load, CancellationToken cancellationToken)
    {
        var targetSchema = load.Schema.ToLowerInvariant();
        var targetTable = load.Table.ToLowerInvariant();
        using (var create = target.CreateCommand())
        {
            var columns = string.Join(", ", load.Columns.Select(c => $"{PostgresSql.Quote(c.Name)} {c.DuckDbType}"));
            create.CommandText =
                $"CREATE SCHEMA IF NOT EXISTS {PostgresSql.Quote(catalog)}.{PostgresSql.Quote(targetSchema)}; " +
                $"CREATE TABLE {PostgresSql.Quote(catalog)}.{PostgresSql.Quote(targetSchema)}.{PostgresSql.Quote(targetTable)} ({columns});";
            create.ExecuteNonQuery();
        }

        var select = $"SELECT {string.Join(", ", load.Columns.Select(c => c.SelectExpression))} " +
                     $"FROM {PostgresSql.Quote(load.Schema)}.{PostgresSql.Quote(load.Table)}";
        await using var command = new NpgsqlCommand { Connection = source };
        if (load.Filters.Count > 0)
        {
            select += " WHERE " + string.Join(" AND ", load.Filters.Select((f, i) => $"{PostgresSql.Quote(f.Column)} {f.Operator} ${i + 1}::{f.Cast}"));
            foreach (var filter in load.Filters)
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Unknown, Value = filter.Literal });
            }
        }

        if (load.Limit is { } limit)
        {
            select += string.Create(System.Globalization.CultureInfo.InvariantCulture, $" LIMIT {limit}");
        }

        command.CommandText = select;
        long rows = 0;
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        using var appender = target.CreateAppender(catalog, targetSchema, targetTable);
        var kinds = load.Columns.Select(c => c.Kind).ToArray();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = appender.CreateRow();
            for (var i = 0; i < kinds.Length; i++)
            {
                if (await reader.IsDBNullAsync(i, cancellationToken))
                {
                    row.AppendNullValue();
                    continue;
                }

                Append(row, reader, i, kinds[i]);
            }

            row.EndRow();
            rows++;
        }

        return rows;
    }

    private static void Append(IDuckDBAppenderRow row, NpgsqlDataReader reader, int ordinal, PostgresValueKind kind)
    {
        switch (kind)
        {
            case PostgresValueKind.Int16: row.AppendValue((short?)reader.GetInt16(ordinal)); break;
            case PostgresValueKind.Int32: row.AppendValue((int?)reader.GetInt32(ordinal)); break;
            case PostgresValueKind.Int64: row.AppendValue((long?)reader.GetInt64(ordinal)); break;
            case PostgresValueKind.Float32: row.AppendValue((float?)reader.GetFloat(ordinal)); break;
            case PostgresValueKind.Float64: row.AppendValue((double?)reader.GetDouble(ordinal)); break;
            case PostgresValueKind.Decimal: row.AppendValue((decimal?)reader.GetDecimal(ordinal)); break;
            case PostgresValueKind.Boolean: row.AppendValue((bool?)reader.GetBoolean(ordinal)); break;
            case PostgresValueKind.Text: row.AppendValue(reader.GetString(ordinal)); break;
            case PostgresValueKind.Date: row.AppendValue((DuckDBDateOnly?)reader.GetFieldValue<DateOnly>(ordinal)); break;
            case PostgresValueKind.Timestamp: row.AppendValue((DateTime?)reader.GetDateTime(ordinal)); break;
            case PostgresValueKind.TimestampTz: row.AppendValue((DateTimeOffset?)new DateTimeOffset(reader.GetDateTime(ordinal), TimeSpan.Zero)); break;
            case PostgresValueKind.Time: row.AppendValue((DuckDBTimeOnly?)reader.GetFieldValue<TimeOnly>(ordinal)); break;
            case PostgresValueKind.Uuid: row.AppendValue((Guid?)reader.GetGuid(ordinal)); break;
            case PostgresValueKind.Bytes: row.AppendValue(reader.GetFieldValue<byte[]>(ordinal)); break;
            default: throw new InvalidOperationException($"Unhandled PostgreSQL value kind {kind}.");
        }
    }
}
