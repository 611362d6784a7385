using System.Text.Json.Nodes;
using static TownLake.Engine.Sql.ParseTree;

namespace TownLake.Engine.Sql;

/// <summary>Select-list columns: <c>*</c> expansion, output names, and column alias lists.</summary>
internal sealed partial class LineageBinder
{
    private IEnumerable<BoundColumn> ExpandStar(JsonObject star, Scope scope, CteEnvironment ctes)
    {
        var relationName = Str(star, "relation_name");
        var excluded = new HashSet<string>(
            (star["exclude_list"] as JsonArray ?? []).Select(e => e is JsonValue v ? v.ToString() : Strings(e?["column_names"]).LastOrDefault() ?? ""),
            StringComparer.OrdinalIgnoreCase);
        var replacements = (star["replace_list"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(r => Str(r, "key"), r => r["value"], StringComparer.OrdinalIgnoreCase);
        var relations = scope.Relations.Where(r => !r.Hidden && (relationName.Length == 0 || Matches(r, [relationName]))).ToList();
        if (relations.Count == 0)
        {
            Warn($"'{relationName}.*' names no relation in FROM.");
        }

        foreach (var relation in relations)
        {
            if (relation.Columns is null)
            {
                if (relation.Table is { } table)
                {
                    Warn($"Cannot expand '*' for {table}: its columns are unknown.");
                    Read(table, null);
                }

                continue;
            }

            foreach (var column in relation.Columns.Where(c => !excluded.Contains(c.Name)))
            {
                if (replacements.TryGetValue(column.Name, out var replacement))
                {
                    yield return new BoundColumn(column.Name, Edges(replacement, scope, ctes, TransformationSubtype.Identity, masking: false));
                    continue;
                }

                foreach (var edge in column.Edges)
                {
                    Read(edge.Field.Table, edge.Field.Column);
                }

                yield return column;
            }
        }
    }

    private static bool IsColumnsExpression(JsonObject star) => star["columns"] is JsonValue v && v.TryGetValue<bool>(out var columns) && columns
        && star["expr"] is JsonObject;

    /// <summary>
    /// Name of a select item: its alias, else the column name; an unnamed expression is named the dialect's way
    /// (Hive and Spark <c>_c1</c>, Trino <c>_col1</c>, BigQuery <c>f0_</c>, elsewhere the function's name).
    /// </summary>
    private static string OutputName(JsonObject item, int index, ref int anonymous, SqlDialect dialect)
    {
        var alias = Str(item, "alias");
        if (alias.Length > 0)
        {
            return alias;
        }

        if (Str(item, "class") == "COLUMN_REF" && Strings(item["column_names"]).LastOrDefault() is { } column)
        {
            return column;
        }

        var function = Str(item, "class") is "FUNCTION" or "WINDOW" ? Str(item, "function_name") : null;
        return dialect.UnnamedColumn(index, anonymous++, function);
    }

    private static BoundQuery Rename(BoundQuery query, IReadOnlyList<string> aliases)
    {
        if (aliases.Count == 0)
        {
            return query;
        }

        return query with { Columns = RenameColumns(query.Columns, aliases) };
    }

    /// <summary>
    /// Applies a column alias list. A single generator column with several aliases (Hive
    /// <c>LATERAL VIEW posexplode(x) t AS pos, val</c>) gives every alias that column's lineage.
    /// </summary>
    private static List<BoundColumn> RenameColumns(IReadOnlyList<BoundColumn> columns, IReadOnlyList<string> aliases)
    {
        if (columns.Count == 1 && aliases.Count > 1)
        {
            return [.. aliases.Select(a => columns[0] with { Name = a })];
        }

        return [.. columns.Select((c, i) => i < aliases.Count ? c with { Name = aliases[i] } : c)];
    }
}
