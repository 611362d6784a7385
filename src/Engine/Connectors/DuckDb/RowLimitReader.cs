using System.Text.Json;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// Finds the row limit a PostgreSQL copy can take from a statement: only for the plain shape
/// <c>SELECT columns FROM one_table [WHERE conjuncts] LIMIT n [OFFSET m]</c>, where the first n+m rows PostgreSQL
/// returns are as good as any (no ORDER BY, DISTINCT, grouping, aggregates, window functions or joins that would
/// need every row). Whether the WHERE clause went to PostgreSQL in full is decided by the pushdown planner.
/// </summary>
internal static class RowLimitReader
{
    /// <summary>n + m of <c>LIMIT n OFFSET m</c> for a statement of the plain shape; null otherwise.</summary>
    public static long? Read(JsonElement node)
    {
        if (Text(node, "type") != "SELECT_NODE"
            || !node.TryGetProperty("from_table", out var from) || Text(from, "type") != "BASE_TABLE" || !IsNull(from, "sample")
            || !IsNull(node, "having") || !IsNull(node, "qualify") || !IsNull(node, "sample")
            || !IsEmptyArray(node, "group_expressions") || !IsEmptyArray(node, "group_sets")
            || (node.TryGetProperty("cte_map", out var ctes) && ctes.TryGetProperty("map", out var map) && map.GetArrayLength() > 0)
            || !node.TryGetProperty("select_list", out var select)
            || select.EnumerateArray().Any(e => Text(e, "class") is not ("COLUMN_REF" or "STAR") || HasStarModifiers(e))
            || !node.TryGetProperty("modifiers", out var modifiers) || modifiers.GetArrayLength() != 1)
        {
            return null;
        }

        var modifier = modifiers[0];
        if (Text(modifier, "type") != "LIMIT_MODIFIER" || Count(modifier, "limit") is not { } limit)
        {
            return null;
        }

        var offset = IsNull(modifier, "offset") ? 0 : Count(modifier, "offset");
        return offset is { } o ? checked(limit + o) : null;
    }

    /// <summary>Top-level AND conjuncts of the WHERE clause (0 without one).</summary>
    public static int WhereConjuncts(JsonElement node)
    {
        if (!node.TryGetProperty("where_clause", out var where) || where.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }

        return Conjuncts(where);
    }

    private static int Conjuncts(JsonElement expression) =>
        Text(expression, "type") == "CONJUNCTION_AND"
            ? expression.GetProperty("children").EnumerateArray().Sum(Conjuncts)
            : 1;

    // COLUMNS(*) and * REPLACE (expr) compute values; a plain * or column does not.
    private static bool HasStarModifiers(JsonElement expression) =>
        Text(expression, "class") == "STAR"
        && ((expression.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.True)
            || !IsNull(expression, "expr")
            || !IsEmptyArray(expression, "replace_list"));

    private static long? Count(JsonElement modifier, string property)
    {
        if (!modifier.TryGetProperty(property, out var expression) || Text(expression, "class") != "CONSTANT")
        {
            return null;
        }

        var value = expression.GetProperty("value");
        return !value.GetProperty("is_null").GetBoolean()
               && value.GetProperty("value") is { ValueKind: JsonValueKind.Number } number
               && number.TryGetInt64(out var count) && count is >= 0 and <= int.MaxValue
            ? count
            : null;
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool IsNull(JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    private static bool IsEmptyArray(JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0;
}
