using System.Text.Json.Nodes;
using static TownLake.Engine.Sql.ParseTree;

namespace TownLake.Engine.Sql;

/// <summary>Expression binding: which source columns an expression depends on, and how (OpenLineage subtypes).</summary>
internal sealed partial class LineageBinder
{
    /// <summary>
    /// Functions whose result hides the input value (hashes, masks, counts). OpenLineage sets
    /// <c>masking</c> on such transformations so that a consumer knows the raw value does not flow through.
    /// </summary>
    private static readonly HashSet<string> MaskingFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "md5", "md5_number", "sha1", "sha2", "sha256", "sha512", "hash", "crc32", "xxhash64", "murmur_hash", "murmur3",
        "mask", "mask_hash", "mask_first_n", "mask_last_n", "mask_show_first_n", "mask_show_last_n",
        "count", "count_star", "approx_count_distinct", "count_if", "countif",
    };

    /// <summary>Hive and Spark aggregates DuckDB's catalog does not list under these names.</summary>
    private static readonly HashSet<string> ExtraAggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        "collect_list", "collect_set", "percentile", "percentile_approx", "approx_percentile", "stddev_samp",
        "var_samp", "variance", "every", "some", "any",
    };

    /// <summary>
    /// The edges of an expression seen from an output whose path so far has <paramref name="context"/> as its
    /// strongest direct subtype. Conditions of CASE become INDIRECT CONDITIONAL; PARTITION BY / ORDER BY of a
    /// window become INDIRECT WINDOW.
    /// </summary>
    private List<LineageEdge> Edges(JsonNode? expression, Scope scope, CteEnvironment ctes, TransformationSubtype context, bool masking, bool preferAliases = false)
    {
        var edges = new List<LineageEdge>();
        Collect(expression, scope, ctes, context, masking, preferAliases, edges);
        return edges;
    }

    private void Collect(JsonNode? expression, Scope scope, CteEnvironment ctes, TransformationSubtype context, bool masking, bool preferAliases, List<LineageEdge> edges)
    {
        if (expression is JsonArray array)
        {
            foreach (var item in array)
            {
                Collect(item, scope, ctes, context, masking, preferAliases, edges);
            }

            return;
        }

        if (expression is not JsonObject node)
        {
            return;
        }

        var transformed = LineageEdge.Stronger(context, TransformationSubtype.Transformation);
        switch (Str(node, "class"))
        {
            case "COLUMN_REF":
                edges.AddRange(ResolveColumn(Strings(node["column_names"]), scope, preferAliases).Select(e => e.Through(context, masking)));
                break;
            case "CONSTANT":
            case "PARAMETER":
            case "DEFAULT":
                break;
            case "FUNCTION":
            {
                var name = Str(node, "function_name");
                var inner = IsAggregate(name) ? LineageEdge.Stronger(context, TransformationSubtype.Aggregation) : transformed;
                var innerMasking = masking || MaskingFunctions.Contains(name);
                Collect(node["children"], scope, ctes, inner, innerMasking, preferAliases, edges);
                Collect(node["order_bys"]?["orders"] is JsonArray orders ? new JsonArray([.. orders.Select(o => o?["expression"]?.DeepClone())]) : null,
                    scope, ctes, inner, innerMasking, preferAliases, edges);
                edges.AddRange(Edges(node["filter"], scope, ctes, TransformationSubtype.Identity, false, preferAliases)
                    .Select(e => e.AsIndirect(TransformationSubtype.Conditional)));
                break;
            }

            case "CASE":
                foreach (var check in (node["case_checks"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    edges.AddRange(Edges(check["when_expr"], scope, ctes, TransformationSubtype.Identity, false, preferAliases)
                        .Select(e => e.AsIndirect(TransformationSubtype.Conditional)));
                    Collect(check["then_expr"], scope, ctes, context, masking, preferAliases, edges);
                }

                Collect(node["else_expr"], scope, ctes, context, masking, preferAliases, edges);
                break;
            case "OPERATOR" when Str(node, "type") == "OPERATOR_COALESCE":
            {
                // COALESCE(a, b): the value comes from a or b; whether b is used depends on a being null.
                var children = node["children"] as JsonArray ?? [];
                for (var i = 0; i < children.Count; i++)
                {
                    Collect(children[i], scope, ctes, transformed, masking, preferAliases, edges);
                    if (i < children.Count - 1)
                    {
                        edges.AddRange(Edges(children[i], scope, ctes, TransformationSubtype.Identity, false, preferAliases)
                            .Select(e => e.AsIndirect(TransformationSubtype.Conditional)));
                    }
                }

                break;
            }

            case "WINDOW":
            {
                var inner = Str(node, "type") == "WINDOW_AGGREGATE"
                    ? LineageEdge.Stronger(context, TransformationSubtype.Aggregation)
                    : transformed;
                var innerMasking = masking || MaskingFunctions.Contains(Str(node, "function_name"));
                foreach (var argument in new[] { "children", "offset_expr", "default_expr" })
                {
                    Collect(node[argument], scope, ctes, inner, innerMasking, preferAliases, edges);
                }

                var windowInputs = new List<LineageEdge>();
                Collect(node["partitions"], scope, ctes, TransformationSubtype.Identity, false, preferAliases, windowInputs);
                foreach (var order in (node["orders"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    Collect(order["expression"], scope, ctes, TransformationSubtype.Identity, false, preferAliases, windowInputs);
                }

                Collect(node["filter_expr"], scope, ctes, TransformationSubtype.Identity, false, preferAliases, windowInputs);
                edges.AddRange(windowInputs.Select(e => e.AsIndirect(TransformationSubtype.Window)));
                break;
            }

            case "SUBQUERY":
            {
                var bound = BindQuery(node["subquery"]?["node"], scope, ctes);
                var scalar = Str(node, "subquery_type") == "SCALAR";
                var valueContext = scalar ? context : transformed;
                edges.AddRange(bound.Columns.Take(scalar ? 1 : int.MaxValue).SelectMany(c => c.Edges).Select(e => e.Through(valueContext, masking)));
                edges.AddRange(bound.DatasetEdges);
                Collect(node["child"], scope, ctes, transformed, masking, preferAliases, edges);
                break;
            }

            case "STAR":
                foreach (var column in ExpandStar(node, scope, ctes))
                {
                    edges.AddRange(column.Edges.Select(e => e.Through(transformed, masking)));
                }

                break;
            case "LAMBDA":
                // x -> x + 1: the parameter names are not columns; only the body's other references are.
                Collect(node["expr"], LambdaScope(node["lhs"], scope), ctes, transformed, masking, preferAliases, edges);
                break;
            default:
                // Operators, comparisons, casts, conjunctions, BETWEEN, COLLATE…: the value is derived from every operand.
                foreach (var (key, child) in node)
                {
                    if (key != "alias" && child is JsonObject or JsonArray)
                    {
                        Collect(child, scope, ctes, transformed, masking, preferAliases, edges);
                    }
                }

                break;
        }
    }

    private bool IsAggregate(string functionName) =>
        _aggregateFunctions.Contains(functionName) || ExtraAggregates.Contains(functionName);

    private bool ContainsAggregate(JsonNode? node) => node switch
    {
        JsonObject obj when Str(obj, "class") == "FUNCTION" && IsAggregate(Str(obj, "function_name")) => true,
        JsonObject obj when Str(obj, "class") is "WINDOW" or "SUBQUERY" => false,
        JsonObject obj => obj.Any(p => ContainsAggregate(p.Value)),
        JsonArray array => array.Any(ContainsAggregate),
        _ => false,
    };

    private static Scope LambdaScope(JsonNode? parameters, Scope scope)
    {
        var lambda = new Scope(scope);
        var names = parameters is JsonObject single && Str(single, "class") == "COLUMN_REF"
            ? Strings(single["column_names"])
            : [.. (parameters?["children"] as JsonArray ?? []).SelectMany(c => Strings(c?["column_names"]))];
        lambda.Relations.Add(new Relation { Alias = null, Columns = [.. names.Select(n => new BoundColumn(n, []))] });
        return lambda;
    }

    /// <summary>
    /// Resolves <c>col</c>, <c>t.col</c>, <c>s.t.col</c> or <c>col.field</c> against the scope chain: known
    /// columns first, then tables with unknown columns, then select aliases, then enclosing queries.
    /// </summary>
    private List<LineageEdge> ResolveColumn(IReadOnlyList<string> names, Scope scope, bool preferAliases)
    {
        if (names.Count == 0)
        {
            return [];
        }

        for (var current = scope; current is not null; current = current.Parent)
        {
            if (preferAliases && names.Count == 1 && current.SelectAliases.TryGetValue(names[0], out var aliased)
                && !current.Relations.Any(r => r.Columns?.Any(c => string.Equals(c.Name, names[0], StringComparison.OrdinalIgnoreCase)) == true))
            {
                return [.. aliased.Edges];
            }

            // Longest table qualifier first: a.b.c is schema a, table b, column c before table a, column b.
            for (var qualifierLength = Math.Min(names.Count - 1, 3); qualifierLength >= 1; qualifierLength--)
            {
                var qualifier = names.Take(qualifierLength).ToList();
                var relation = current.Relations.FirstOrDefault(r => Matches(r, qualifier));
                if (relation is not null && FindInRelation(relation, names[qualifierLength]) is { } qualified)
                {
                    return qualified;
                }
            }
        }

        // No qualifier matched anywhere: the first name is a column (the rest are struct fields).
        var column = names[0];
        for (var current = scope; current is not null; current = current.Parent)
        {
            var owner = current.Relations.FirstOrDefault(r => r.Columns?.Any(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase)) == true);
            if (owner is not null)
            {
                return FindInRelation(owner, column)!;
            }

            var open = current.Relations.Where(r => r.IsOpen).ToList();
            if (open.Count > 0)
            {
                if (open.Count > 1)
                {
                    Warn($"Column '{column}' could come from {string.Join(" or ", open.Select(r => r.Table))}; attributed to {open[0].Table}.");
                }

                return FindInRelation(open[0], column)!;
            }

            if (names.Count == 1 && current.SelectAliases.TryGetValue(column, out var alias))
            {
                return [.. alias.Edges];
            }
        }

        Warn($"Column '{string.Join('.', names)}' was not found in any table of the statement.");
        return [];
    }

    private List<LineageEdge>? FindInRelation(Relation relation, string column)
    {
        if (relation.Columns is null)
        {
            if (relation.Table is null)
            {
                return null;
            }

            Read(relation.Table, column);
            return [new LineageEdge(new SourceField(relation.Table, column), TransformationType.Direct, TransformationSubtype.Identity, false)];
        }

        var match = relation.Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            return null;
        }

        foreach (var edge in match.Edges)
        {
            Read(edge.Field.Table, edge.Field.Column);
        }

        return [.. match.Edges];
    }

    /// <summary>Does <c>qualifier</c> (alias, or trailing parts of the table name) name this relation?</summary>
    private static bool Matches(Relation relation, IReadOnlyList<string> qualifier)
    {
        if (qualifier.Count == 1 && relation.Alias is not null && string.Equals(relation.Alias, qualifier[0], StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (relation.Table is null || relation.Table.IsPath)
        {
            return false;
        }

        var parts = new[] { relation.Table.Catalog, relation.Table.Schema, relation.Table.Name }.Where(p => p is not null).ToList();
        if (qualifier.Count > parts.Count)
        {
            return false;
        }

        return parts.Skip(parts.Count - qualifier.Count).Zip(qualifier).All(p => string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
    }
}
