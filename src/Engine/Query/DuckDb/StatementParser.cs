using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;

namespace TownLake.Engine.Query.DuckDb;

/// <summary>
/// Reads a statement with DuckDB's own parser (<c>json_serialize_sql</c>): decides whether it is a single SELECT
/// (the statement type, not a regex), and collects its table references, column names and pushable filters.
/// </summary>
internal static class StatementParser
{
    private static readonly Dictionary<string, string> ComparisonOperators = new()
    {
        ["COMPARE_EQUAL"] = "=",
        ["COMPARE_NOTEQUAL"] = "<>",
        ["COMPARE_LESSTHAN"] = "<",
        ["COMPARE_LESSTHANOREQUALTO"] = "<=",
        ["COMPARE_GREATERTHAN"] = ">",
        ["COMPARE_GREATERTHANOREQUALTO"] = ">=",
    };

    /// <summary>Parses <paramref name="sql"/> or throws a <see cref="QueryException"/> saying why it cannot run.</summary>
    public static ParsedStatement Parse(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return Parse(connection, sql);
    }

    /// <summary>The parsed statement, or null when it is not a single parseable SELECT.</summary>
    public static ParsedStatement? TryParse(string sql)
    {
        try
        {
            return Parse(sql);
        }
        catch (QueryException)
        {
            return null;
        }
    }

    /// <summary>Parses with an open connection (saves opening a database when the caller has one).</summary>
    public static ParsedStatement Parse(DuckDBConnection connection, string sql)
    {
        string json;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT json_serialize_sql($1::VARCHAR)";
            command.Parameters.Add(new DuckDBParameter(sql));
            json = (string)command.ExecuteScalar()!;
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.GetProperty("error").GetBoolean())
        {
            throw ToException(root, sql);
        }

        var statements = root.GetProperty("statements");
        if (statements.GetArrayLength() == 0)
        {
            throw new QueryException(QueryErrorKind.InvalidRequest, "The query holds no statement: write one SELECT statement.");
        }

        if (statements.GetArrayLength() > 1)
        {
            throw new QueryException(QueryErrorKind.InvalidRequest,
                $"The query holds {statements.GetArrayLength()} statements; run one SELECT statement at a time.");
        }

        var collector = new Collector();
        var node = statements[0].GetProperty("node");
        collector.Visit(node);
        var filters = new List<ColumnFilter>();
        if (node.TryGetProperty("type", out var type) && type.GetString() == "SELECT_NODE"
            && node.TryGetProperty("where_clause", out var where) && where.ValueKind == JsonValueKind.Object)
        {
            CollectFilters(where, filters);
        }

        var tables = collector.Tables
            .Where(t => !(t.Catalog is null && t.Schema is null && collector.CteNames.Contains(t.Name)))
            .ToList();
        return new ParsedStatement(tables, collector.ColumnNames, collector.BareNames, collector.StarQualifiers, filters)
        {
            TableFunctions = collector.TableFunctions,
            Functions = collector.Functions,
            RowLimit = RowLimitReader.Read(node),
            WhereConjuncts = RowLimitReader.WhereConjuncts(node),
        };
    }

    private static QueryException ToException(JsonElement root, string sql)
    {
        var errorType = root.TryGetProperty("error_type", out var t) ? t.GetString() : null;
        var message = root.TryGetProperty("error_message", out var m) ? m.GetString() ?? "unknown error" : "unknown error";
        if (errorType == "not implemented" && message.Contains("Only SELECT", StringComparison.Ordinal))
        {
            return new QueryException(QueryErrorKind.NotReadOnly,
                "Only read-only SELECT statements can be run here (DDL, DML, COPY, ATTACH, SET and the like are rejected).");
        }

        int? line = null;
        int? column = null;
        if (root.TryGetProperty("position", out var p) && int.TryParse(p.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset))
        {
            (line, column) = SqlPosition.FromOffset(sql, offset);
        }

        var where = line is null ? string.Empty : $" (line {line}, column {column})";
        return new QueryException(new QueryError(QueryErrorKind.InvalidSql, $"Syntax error{where}: {message}", line, column));
    }

    private static void CollectFilters(JsonElement expression, List<ColumnFilter> filters)
    {
        var type = expression.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "CONJUNCTION_AND")
        {
            foreach (var child in expression.GetProperty("children").EnumerateArray())
            {
                CollectFilters(child, filters);
            }

            return;
        }

        if (type is null || !ComparisonOperators.TryGetValue(type, out var op))
        {
            return;
        }

        var left = expression.GetProperty("left");
        var right = expression.GetProperty("right");
        if (IsClass(right, "COLUMN_REF") && Literal(left) is not null)
        {
            (left, right) = (right, left);
            op = op switch { "<" => ">", "<=" => ">=", ">" => "<", ">=" => "<=", _ => op };
        }

        if (!IsClass(left, "COLUMN_REF") || Literal(right) is not { } literal)
        {
            return;
        }

        var names = left.GetProperty("column_names").EnumerateArray().Select(n => n.GetString()!).ToList();
        if (names.Count is < 1 or > 2)
        {
            return;
        }

        filters.Add(new ColumnFilter(
            names.Count == 2 ? names[0].ToLowerInvariant() : null,
            names[^1].ToLowerInvariant(),
            op,
            literal.Type,
            literal.Text));
    }

    /// <summary>
    /// A non-null constant, or a constant under a cast (DuckDB parses <c>DATE '2024-01-01'</c> and <c>true</c> as casts
    /// of a string): its type id and its text, invariant culture.
    /// </summary>
    private static (string Type, string Text)? Literal(JsonElement expression)
    {
        if (IsClass(expression, "CAST") && Literal(expression.GetProperty("child")) is { } inner)
        {
            return (expression.GetProperty("cast_type").GetProperty("id").GetString()!, inner.Text);
        }

        if (!IsClass(expression, "CONSTANT"))
        {
            return null;
        }

        var value = expression.GetProperty("value");
        if (value.GetProperty("is_null").GetBoolean())
        {
            return null;
        }

        var type = value.GetProperty("type");
        var typeId = type.GetProperty("id").GetString()!;
        var raw = value.GetProperty("value");
        var text = raw.ValueKind switch
        {
            JsonValueKind.String => raw.GetString()!,
            JsonValueKind.Number => raw.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        if (text is null)
        {
            return null;
        }

        // DECIMAL literals serialize as their unscaled integer plus a scale in type_info; rebuild the decimal text.
        if (typeId == "DECIMAL" && raw.ValueKind == JsonValueKind.Number)
        {
            text = ScaleDecimal(text, type.GetProperty("type_info").GetProperty("scale").GetInt32());
        }

        return (typeId, text);
    }

    private static string ScaleDecimal(string unscaled, int scale)
    {
        var value = decimal.Parse(unscaled, NumberStyles.Integer, CultureInfo.InvariantCulture);
        for (var i = 0; i < scale; i++)
        {
            value /= 10m;
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    private static bool IsClass(JsonElement element, string expected) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("class", out var c) && c.GetString() == expected;

    private sealed class Collector
    {
        public List<TableReference> Tables { get; } = [];

        public HashSet<string> ColumnNames { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> BareNames { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> StarQualifiers { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> CteNames { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<string> TableFunctions { get; } = [];

        public List<string> Functions { get; } = [];

        public void Visit(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    VisitObject(element);
                    foreach (var property in element.EnumerateObject())
                    {
                        Visit(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Visit(item);
                    }

                    break;
            }
        }

        private void VisitObject(JsonElement element)
        {
            if (element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
            {
                switch (type.GetString())
                {
                    case "BASE_TABLE":
                        Tables.Add(new TableReference(
                            Blank(element.GetProperty("catalog_name").GetString()),
                            Blank(element.GetProperty("schema_name").GetString()),
                            element.GetProperty("table_name").GetString()!,
                            Blank(element.GetProperty("alias").GetString())));
                        break;
                    case "COLUMN_REF":
                        var parts = element.GetProperty("column_names");
                        foreach (var name in parts.EnumerateArray())
                        {
                            ColumnNames.Add(name.GetString()!);
                        }

                        if (parts.GetArrayLength() == 1)
                        {
                            BareNames.Add(parts[0].GetString()!);
                        }

                        break;
                    case "TABLE_FUNCTION":
                        // A table function whose name cannot be read is recorded nameless, so the allow-list refuses it.
                        TableFunctions.Add(element.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
                            && function.TryGetProperty("function_name", out var tableFunction) ? tableFunction.GetString() ?? string.Empty : string.Empty);

                        break;
                    case "FUNCTION":
                        if (element.TryGetProperty("function_name", out var functionName))
                        {
                            Functions.Add(functionName.GetString() ?? string.Empty);
                        }

                        break;
                    case "STAR":
                        StarQualifiers.Add(element.TryGetProperty("relation_name", out var relation) ? relation.GetString() ?? string.Empty : string.Empty);
                        break;
                }
            }

            if (element.TryGetProperty("cte_map", out var cteMap) && cteMap.TryGetProperty("map", out var map))
            {
                foreach (var entry in map.EnumerateArray())
                {
                    CteNames.Add(entry.GetProperty("key").GetString()!);
                }
            }
        }

        private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
