using TownLake.Engine.Connectors.DuckDb;
namespace TownLake.Engine.Connectors.Postgres;

/// <summary>
/// Decides which columns and rows of a PostgreSQL table a statement needs. Always a superset of what the statement
/// reads, because DuckDB re-applies the full statement to the copy: columns are every table column whose name the
/// statement mentions anywhere (all of them under <c>*</c>); filters are top-level WHERE comparisons of this table's
/// column with a literal, only when the table occurs once and only where PostgreSQL compares exactly as DuckDB does.
/// </summary>
internal static class PostgresPushdown
{
    private static readonly HashSet<string> NumericLiteralTypes = new(StringComparer.Ordinal)
    {
        "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "DECIMAL", "DOUBLE", "FLOAT",
    };

    public static PostgresTableLoader.TableLoad Plan(
        string schema, string table, IReadOnlyList<PostgresColumn> columns, IReadOnlyList<TableReference> occurrences, ParsedStatement parsed)
    {
        var names = occurrences.SelectMany(o => new[] { o.Alias, o.Name }).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var everything = parsed.StarQualifiers.Any(q => q.Length == 0 || names.Contains(q))
            // A bare alias used as a value (SELECT c FROM t c) is the whole row as a struct.
            || names.Any(parsed.BareNames.Contains);
        var needed = everything ? columns.ToList() : columns.Where(c => parsed.ColumnNames.Contains(c.Name)).ToList();
        if (needed.Count == 0)
        {
            // count(*) and friends need the rows but no value: carry the narrowest column.
            needed = [columns[0]];
        }

        var filters = new List<PostgresTableLoader.PushedFilter>();
        if (occurrences.Count == 1)
        {
            var occurrence = occurrences[0];
            var qualifier = (occurrence.Alias ?? occurrence.Name).ToLowerInvariant();
            foreach (var filter in parsed.Filters)
            {
                var mine = filter.Qualifier is null ? parsed.Tables.Count == 1 : filter.Qualifier == qualifier;
                var column = columns.FirstOrDefault(c => string.Equals(c.Name, filter.Column, StringComparison.OrdinalIgnoreCase));
                if (mine && column is not null && CastFor(column, filter) is { } cast)
                {
                    filters.Add(new PostgresTableLoader.PushedFilter(column.Name, filter.Operator, filter.Literal, cast));
                }
            }
        }

        // LIMIT goes to PostgreSQL only when the copy's first rows are the statement's first rows: the table is the
        // statement's only one and every WHERE conjunct is applied by PostgreSQL too.
        var limit = parsed.RowLimit is { } rows && parsed.Tables.Count == 1 && occurrences.Count == 1 && filters.Count == parsed.WhereConjuncts
            ? rows
            : (long?)null;
        return new PostgresTableLoader.TableLoad(schema, table, needed, filters, limit);
    }

    /// <summary>The PostgreSQL type the literal is cast to, or null when the comparison is not safe to push.</summary>
    private static string? CastFor(PostgresColumn column, ColumnFilter filter)
    {
        var plainColumn = column.SelectExpression == PostgresSql.Quote(column.Name);
        var equality = filter.Operator is "=" or "<>";
        return column.Kind switch
        {
            PostgresValueKind.Int16 or PostgresValueKind.Int32 or PostgresValueKind.Int64 or PostgresValueKind.Float32
                or PostgresValueKind.Float64 or PostgresValueKind.Decimal
                when plainColumn && NumericLiteralTypes.Contains(filter.LiteralType) => "numeric",
            // String order depends on collation, so only (in)equality goes to PostgreSQL.
            PostgresValueKind.Text when plainColumn && equality && filter.LiteralType == "VARCHAR" => "text",
            PostgresValueKind.Date when filter.LiteralType is "VARCHAR" or "DATE" => "date",
            PostgresValueKind.Timestamp when filter.LiteralType is "VARCHAR" or "TIMESTAMP" => "timestamp",
            PostgresValueKind.Boolean when equality && filter.LiteralType == "BOOLEAN" => "boolean",
            _ => null,
        };
    }
}
