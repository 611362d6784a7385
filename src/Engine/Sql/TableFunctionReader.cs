using System.Text.Json;
using System.Text.Json.Nodes;

namespace TownLake.Engine.Sql;

/// <summary>Finds every table function call in DuckDB's parse tree, with its literal arguments, for the statement analysis.</summary>
internal static class TableFunctionReader
{
    public static IReadOnlyList<TableFunctionCall> Read(JsonNode root)
    {
        var calls = new List<TableFunctionCall>();
        Visit(root, calls);
        return calls;
    }

    private static void Visit(JsonNode? node, List<TableFunctionCall> calls)
    {
        switch (node)
        {
            case JsonObject obj:
                if (ParseTree.Str(obj, "type") == "TABLE_FUNCTION" && obj["function"] is JsonObject function)
                {
                    var name = ParseTree.Str(function, "function_name").ToLowerInvariant();
                    var schema = ParseTree.Str(function, "schema");
                    calls.Add(new TableFunctionCall(
                        schema.Length > 0 ? $"{schema.ToLowerInvariant()}.{name}" : name,
                        [.. (function["children"] as JsonArray ?? []).Select(Argument)]));
                }

                foreach (var (_, child) in obj)
                {
                    Visit(child, calls);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Visit(child, calls);
                }

                break;
        }
    }

    /// <summary>A literal's text, a list of literals as <c>[a, b]</c>, <c>name=value</c> for a named parameter; else null.</summary>
    private static string? Argument(JsonNode? argument)
    {
        if (argument is not JsonObject obj)
        {
            return null;
        }

        switch (ParseTree.Str(obj, "class"))
        {
            case "CONSTANT":
                return Constant(obj["value"]);
            case "CAST" when ParseTree.Str(obj["cast_type"], "id") == "BOOLEAN" && Argument(obj["child"]) is { } flag:
                // DuckDB parses true/false as a cast of 't'/'f'.
                return flag switch { "t" => "true", "f" => "false", _ => flag };
            case "CAST":
                return Argument(obj["child"]);
            case "FUNCTION" when ParseTree.Str(obj, "function_name") is "list_value" or "array_value":
                var items = (obj["children"] as JsonArray ?? []).Select(Argument).ToList();
                return items.Any(i => i is null) ? null : $"[{string.Join(", ", items)}]";
            case "COMPARISON" when ParseTree.Str(obj, "type") == "COMPARE_EQUAL"
                && ParseTree.Str(obj["left"], "class") == "COLUMN_REF"
                && ParseTree.Strings(obj["left"]?["column_names"]) is [var parameter]:
                // Named parameters (header = true) parse as an equality on a column of that name.
                return Argument(obj["right"]) is { } value ? $"{parameter}={value}" : null;
            default:
                return null;
        }
    }

    private static string? Constant(JsonNode? value)
    {
        if (value is not JsonObject constant || constant["is_null"]?.GetValueKind() == JsonValueKind.True)
        {
            return null;
        }

        return constant["value"] switch
        {
            JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
            JsonValue other => other.ToJsonString(),
            _ => null,
        };
    }
}
