using System.Globalization;
using System.Text.Json.Nodes;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// Reads what the federated engine needs from DuckDB's parse tree of one SELECT (the tree the statement analysis
/// already holds; nothing is parsed here): its table references with aliases, column names and pushable filters.
/// </summary>
internal static class ParsedStatementReader
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

    /// <summary>The facts of one parsed statement's root query node (<c>statements[0].node</c>).</summary>
    public static ParsedStatement Read(JsonObject node)
    {
        var collector = new Collector();
        collector.Visit(node);
        var filters = new List<ColumnFilter>();
        if (Str(node, "type") == "SELECT_NODE" && node["where_clause"] is JsonObject where)
        {
            CollectFilters(where, filters);
        }

        var tables = collector.Tables
            .Where(t => !(t.Catalog is null && t.Schema is null && collector.CteNames.Contains(t.Name)))
            .ToList();
        var element = System.Text.Json.JsonSerializer.SerializeToElement(node);
        return new ParsedStatement(tables, collector.ColumnNames, collector.BareNames, collector.StarQualifiers, filters)
        {
            TableFunctions = collector.TableFunctions,
            Functions = collector.Functions,
            RowLimit = RowLimitReader.Read(element),
            WhereConjuncts = RowLimitReader.WhereConjuncts(element),
        };
    }

    private static void CollectFilters(JsonObject expression, List<ColumnFilter> filters)
    {
        var type = Str(expression, "type");
        if (type == "CONJUNCTION_AND")
        {
            foreach (var child in (expression["children"] as JsonArray ?? []).OfType<JsonObject>())
            {
                CollectFilters(child, filters);
            }

            return;
        }

        if (type is null || !ComparisonOperators.TryGetValue(type, out var op)
            || expression["left"] is not JsonObject left || expression["right"] is not JsonObject right)
        {
            return;
        }

        if (IsClass(right, "COLUMN_REF") && Literal(left) is not null)
        {
            (left, right) = (right, left);
            op = op switch { "<" => ">", "<=" => ">=", ">" => "<", ">=" => "<=", _ => op };
        }

        if (!IsClass(left, "COLUMN_REF") || Literal(right) is not { } literal)
        {
            return;
        }

        var names = (left["column_names"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? string.Empty).ToList();
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
    private static (string Type, string Text)? Literal(JsonObject expression)
    {
        if (IsClass(expression, "CAST") && expression["child"] is JsonObject child && Literal(child) is { } inner)
        {
            return expression["cast_type"]?["id"]?.GetValue<string>() is { } castType ? (castType, inner.Text) : null;
        }

        if (!IsClass(expression, "CONSTANT") || expression["value"] is not JsonObject value || value["is_null"]?.GetValue<bool>() != false)
        {
            return null;
        }

        var type = value["type"];
        var typeId = type?["id"]?.GetValue<string>();
        if (typeId is null || value["value"] is not JsonValue raw)
        {
            return null;
        }

        var text = raw.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => raw.GetValue<string>(),
            System.Text.Json.JsonValueKind.Number => raw.ToJsonString(),
            System.Text.Json.JsonValueKind.True => "true",
            System.Text.Json.JsonValueKind.False => "false",
            _ => null,
        };
        if (text is null)
        {
            return null;
        }

        // DECIMAL literals serialize as their unscaled integer plus a scale in type_info; rebuild the decimal text.
        if (typeId == "DECIMAL" && raw.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            text = ScaleDecimal(text, type?["type_info"]?["scale"]?.GetValue<int>() ?? 0);
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

    private static string? Str(JsonObject node, string property) =>
        node[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool IsClass(JsonObject element, string expected) => Str(element, "class") == expected;

    private sealed class Collector
    {
        public List<TableReference> Tables { get; } = [];

        public HashSet<string> ColumnNames { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> BareNames { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> StarQualifiers { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> CteNames { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<string> TableFunctions { get; } = [];

        public List<string> Functions { get; } = [];

        public void Visit(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    VisitObject(obj);
                    foreach (var (_, child) in obj)
                    {
                        Visit(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Visit(item);
                    }

                    break;
            }
        }

        private void VisitObject(JsonObject element)
        {
            switch (Str(element, "type"))
            {
                case "BASE_TABLE" when Str(element, "table_name") is { Length: > 0 } table:
                    Tables.Add(new TableReference(
                        Blank(Str(element, "catalog_name")),
                        Blank(Str(element, "schema_name")),
                        table,
                        Blank(Str(element, "alias"))));
                    break;
                case "COLUMN_REF":
                    var parts = (element["column_names"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>().ToList();
                    ColumnNames.UnionWith(parts);
                    if (parts.Count == 1)
                    {
                        BareNames.Add(parts[0]);
                    }

                    break;
                case "STAR":
                    StarQualifiers.Add(Str(element, "relation_name") ?? string.Empty);
                    break;
                case "TABLE_FUNCTION":
                    // A table function whose name cannot be read is recorded nameless, so the allow-list refuses it.
                    TableFunctions.Add(element["function"] is JsonObject function ? Str(function, "function_name") ?? string.Empty : string.Empty);
                    break;
                case "FUNCTION":
                    Functions.Add(Str(element, "function_name") ?? string.Empty);
                    break;
            }

            if (element["cte_map"]?["map"] is JsonArray map)
            {
                foreach (var entry in map.OfType<JsonObject>())
                {
                    if (Str(entry, "key") is { } key)
                    {
                        CteNames.Add(key);
                    }
                }
            }
        }

        private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
