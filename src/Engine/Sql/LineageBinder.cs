using System.Text.Json.Nodes;
using static TownLake.Engine.Sql.ParseTree;

namespace TownLake.Engine.Sql;

/// <summary>
/// Walks DuckDB's parse tree of a query and works out, for every output column, which source columns feed
/// it and how (OpenLineage column lineage). Tables come from the pre-resolved schema map; CTEs, subqueries,
/// joins, set operations and window functions are followed down to real tables.
/// </summary>
internal sealed partial class LineageBinder
{
    private readonly IReadOnlyDictionary<SqlTableName, IReadOnlyList<string>?> _schemas;
    private readonly IReadOnlySet<string> _aggregateFunctions;
    private readonly Func<SqlTableName, SqlTableName> _qualify;
    private readonly List<SqlDiagnostic> _diagnostics;
    private readonly List<SqlTableName> _inputs = [];
    private readonly Dictionary<SqlTableName, (HashSet<string> Columns, bool All)> _reads = [];
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly SqlDialect _dialect;

    public LineageBinder(
        IReadOnlyDictionary<SqlTableName, IReadOnlyList<string>?> schemas,
        IReadOnlySet<string> aggregateFunctions,
        Func<SqlTableName, SqlTableName> qualify,
        List<SqlDiagnostic> diagnostics,
        SqlDialect dialect)
    {
        _dialect = dialect;
        _schemas = schemas;
        _aggregateFunctions = aggregateFunctions;
        _qualify = qualify;
        _diagnostics = diagnostics;
    }

    public IReadOnlyList<SqlTableName> Inputs => _inputs;

    public IReadOnlyList<TableColumnsRead> ColumnsRead =>
        [.. _reads.Select(r => new TableColumnsRead(r.Key, [.. r.Value.Columns.Order(StringComparer.OrdinalIgnoreCase)], r.Value.All))];


    public BoundQuery BindQuery(JsonNode? node, Scope? outer, CteEnvironment ctes)
    {
        if (node is not JsonObject query)
        {
            return new BoundQuery([], []);
        }

        ctes = BindCtes(query["cte_map"]?["map"] as JsonArray, outer, ctes);
        return Str(query, "type") switch
        {
            "SELECT_NODE" => BindSelect(query, outer, ctes),
            "SET_OPERATION_NODE" => BindSetOperation(query, outer, ctes),
            "RECURSIVE_CTE_NODE" => BindRecursive(query, outer, ctes, null),
            var other => Unsupported($"query node {other}"),
        };
    }

    private BoundQuery Unsupported(string what)
    {
        Warn($"Lineage through {what} is not supported; its columns are left out.");
        return new BoundQuery([], []);
    }

    private CteEnvironment BindCtes(JsonArray? map, Scope? outer, CteEnvironment ctes)
    {
        if (map is null)
        {
            return ctes;
        }

        foreach (var entry in map.OfType<JsonObject>())
        {
            var name = Str(entry, "key");
            var value = entry["value"] as JsonObject;
            var node = value?["query"]?["node"] as JsonObject;
            if (name.Length == 0 || node is null)
            {
                continue;
            }

            var bound = Str(node, "type") == "RECURSIVE_CTE_NODE"
                ? BindRecursive(node, outer, ctes, name)
                : BindQuery(node, outer, ctes);
            bound = Rename(bound, Strings(value?["aliases"]));
            ctes = ctes.With(name, bound);
        }

        return ctes;
    }

    private BoundQuery BindRecursive(JsonObject node, Scope? outer, CteEnvironment ctes, string? name)
    {
        var anchor = BindQuery(node["left"], outer, ctes);
        var cteName = name ?? Str(node, "cte_name");
        var withAnchor = cteName.Length == 0 ? ctes : ctes.With(cteName, Rename(anchor, Strings(node["aliases"])));
        var step = BindQuery(node["right"], outer, withAnchor);
        return Union(anchor, step, byName: false);
    }

    private BoundQuery BindSetOperation(JsonObject node, Scope? outer, CteEnvironment ctes)
    {
        var children = node["children"] is JsonArray list ? [.. list] : new List<JsonNode?> { node["left"], node["right"] };
        var kind = Str(node, "setop_type");
        var parts = children.Select(c => BindQuery(c, outer, ctes)).ToList();
        if (parts.Count == 0)
        {
            return new BoundQuery([], []);
        }

        var result = parts[0];
        foreach (var part in parts.Skip(1))
        {
            if (kind is "EXCEPT" or "INTERSECT")
            {
                // Only the first branch's values reach the output; the others decide which rows survive.
                var filter = part.Columns.SelectMany(c => c.Edges).Concat(part.DatasetEdges).Select(e => e.AsIndirect(TransformationSubtype.Filter));
                result = result with { DatasetEdges = [.. result.DatasetEdges, .. filter] };
            }
            else
            {
                result = Union(result, part, byName: kind == "UNION_BY_NAME");
            }
        }

        var dataset = result.DatasetEdges.ToList();
        var scope = new Scope(outer);
        foreach (var column in result.Columns)
        {
            scope.SelectAliases.TryAdd(column.Name, column);
        }

        BindOrderModifiers(node, scope, result.Columns, dataset, ctes);
        return result with { DatasetEdges = dataset };
    }

    private static BoundQuery Union(BoundQuery left, BoundQuery right, bool byName)
    {
        var columns = left.Columns.ToList();
        for (var i = 0; i < right.Columns.Count; i++)
        {
            var column = right.Columns[i];
            var index = byName ? columns.FindIndex(c => string.Equals(c.Name, column.Name, StringComparison.OrdinalIgnoreCase)) : i;
            if (index >= 0 && index < columns.Count)
            {
                columns[index] = columns[index] with { Edges = [.. columns[index].Edges, .. column.Edges] };
            }
            else
            {
                columns.Add(column);
            }
        }

        return new BoundQuery(columns, [.. left.DatasetEdges, .. right.DatasetEdges]);
    }

    private BoundQuery BindSelect(JsonObject node, Scope? outer, CteEnvironment ctes)
    {
        var scope = new Scope(outer);
        var dataset = new List<LineageEdge>();
        if (node["from_table"] is JsonObject from)
        {
            BindTableRef(from, scope, ctes, dataset);
        }

        var columns = new List<BoundColumn>();
        var items = node["select_list"] as JsonArray ?? [];
        var anonymous = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                continue;
            }

            if (Str(item, "class") == "STAR" && !IsColumnsExpression(item))
            {
                columns.AddRange(ExpandStar(item, scope, ctes));
                continue;
            }

            var edges = Edges(item, scope, ctes, TransformationSubtype.Identity, masking: false);
            var column = new BoundColumn(OutputName(item, i, ref anonymous, _dialect), edges);
            columns.Add(column);
            scope.SelectAliases.TryAdd(column.Name, column);
        }

        AddIndirect(dataset, node["where_clause"], scope, ctes, TransformationSubtype.Filter);
        foreach (var group in node["group_expressions"] as JsonArray ?? [])
        {
            dataset.AddRange(OrderingEdges(group, scope, columns, ctes).Select(e => e.AsIndirect(TransformationSubtype.GroupBy)));
        }

        if (Str(node, "aggregate_handling") == "FORCE_AGGREGATES")
        {
            // GROUP BY ALL: every select item that is not an aggregate is a grouping key.
            for (var i = 0; i < items.Count && i < columns.Count; i++)
            {
                if (!ContainsAggregate(items[i]))
                {
                    dataset.AddRange(columns[i].Edges.Select(e => e.AsIndirect(TransformationSubtype.GroupBy)));
                }
            }
        }

        AddIndirect(dataset, node["having"], scope, ctes, TransformationSubtype.Filter);
        AddIndirect(dataset, node["qualify"], scope, ctes, TransformationSubtype.Filter);
        BindOrderModifiers(node, scope, columns, dataset, ctes);
        return new BoundQuery(columns, dataset);
    }

    private void BindOrderModifiers(JsonObject node, Scope scope, IReadOnlyList<BoundColumn> columns, List<LineageEdge> dataset, CteEnvironment ctes)
    {
        foreach (var modifier in (node["modifiers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Str(modifier, "type") == "ORDER_MODIFIER")
            {
                foreach (var order in (modifier["orders"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    dataset.AddRange(OrderingEdges(order["expression"], scope, columns, ctes).Select(e => e.AsIndirect(TransformationSubtype.Sort)));
                }
            }
        }
    }

    /// <summary>Edges of a GROUP BY / ORDER BY item, which may name a select column by position or alias.</summary>
    private List<LineageEdge> OrderingEdges(JsonNode? expression, Scope scope, IReadOnlyList<BoundColumn> columns, CteEnvironment ctes)
    {
        if (expression is JsonObject obj && Str(obj, "class") == "CONSTANT"
            && obj["value"]?["value"] is JsonValue value && value.TryGetValue<long>(out var position)
            && position >= 1 && position <= columns.Count)
        {
            return [.. columns[(int)position - 1].Edges];
        }

        return Edges(expression, scope, ctes, TransformationSubtype.Identity, masking: false, preferAliases: true);
    }

    private void AddIndirect(List<LineageEdge> dataset, JsonNode? expression, Scope scope, CteEnvironment ctes, TransformationSubtype subtype)
    {
        if (expression is JsonObject)
        {
            dataset.AddRange(Edges(expression, scope, ctes, TransformationSubtype.Identity, masking: false).Select(e => e.AsIndirect(subtype)));
        }
    }
}
