using System.Text.Json.Nodes;

namespace TownLake.Engine.Sql;

/// <summary>Reads DuckDB's serialized parse tree (<c>json_serialize_sql</c>): property values and the tables it names.</summary>
internal static class ParseTree
{
    /// <summary>Every table name a parse tree mentions (CTE names included; they simply resolve to nothing).</summary>
    public static IEnumerable<SqlTableName> TableNamesIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (TableOf(obj) is { } table)
                {
                    yield return table;
                }

                if (Str(obj, "type") == "TABLE_FUNCTION" && obj["function"]?["children"] is JsonArray { Count: > 0 } arguments)
                {
                    foreach (var path in StringConstants(arguments[0]))
                    {
                        yield return SqlTableName.Path(path);
                    }
                }

                foreach (var (_, child) in obj)
                {
                    foreach (var name in TableNamesIn(child))
                    {
                        yield return name;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var name in TableNamesIn(child))
                    {
                        yield return name;
                    }
                }

                break;
        }
    }

    internal static string Str(JsonNode? node, string property) =>
        node?[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    internal static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : v.ToString())] : [];

    internal static SqlTableName? TableOf(JsonObject obj)
    {
        if (Str(obj, "type") != "BASE_TABLE" || obj["table_name"] is null)
        {
            return null;
        }

        var name = Str(obj, "table_name");
        return name.Length == 0 ? null : new SqlTableName(Str(obj, "catalog_name"), Str(obj, "schema_name"), name);
    }

    /// <summary>The string constants of an argument: <c>'a.csv'</c> or a list of them (<c>['a.csv', 'b.csv']</c>).</summary>
    internal static List<string> StringConstants(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return [];
        }

        if (Str(obj, "class") == "CONSTANT" && obj["value"]?["value"] is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return [text];
        }

        // ['a.parquet', 'b.parquet'] parses as a list function over constants.
        return Str(obj, "class") == "FUNCTION" && Str(obj, "function_name") is "list_value" or "array_value"
            ? [.. (obj["children"] as JsonArray ?? []).SelectMany(StringConstants)]
            : [];
    }
}
