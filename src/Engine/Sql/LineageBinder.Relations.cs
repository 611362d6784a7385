using System.Text.Json.Nodes;
using static TownLake.Engine.Sql.ParseTree;

namespace TownLake.Engine.Sql;

/// <summary>FROM-clause binding: tables, CTE references, subqueries, joins and table functions.</summary>
internal sealed partial class LineageBinder
{
    private void BindTableRef(JsonObject node, Scope scope, CteEnvironment ctes, List<LineageEdge> dataset)
    {
        var alias = Str(node, "alias");
        var columnAliases = Strings(node["column_name_alias"]);
        switch (Str(node, "type"))
        {
            case "BASE_TABLE":
                BindBaseTable(node, alias, columnAliases, scope, ctes, dataset);
                break;
            case "SUBQUERY":
            {
                var bound = BindQuery(node["subquery"]?["node"], scope, ctes);
                dataset.AddRange(bound.DatasetEdges);
                scope.Relations.Add(new Relation { Alias = alias.Length > 0 ? alias : null, Columns = RenameColumns(bound.Columns, columnAliases) });
                break;
            }

            case "JOIN":
                BindJoin(node, scope, ctes, dataset);
                break;
            case "TABLE_FUNCTION":
                BindTableFunction(node, alias, columnAliases, scope, ctes);
                break;
            case "EXPRESSION_LIST":
            {
                var rows = (node["values"] as JsonArray ?? []).OfType<JsonArray>().ToList();
                var width = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
                var columns = Enumerable.Range(0, width)
                    .Select(i => new BoundColumn(
                        i < columnAliases.Count ? columnAliases[i] : $"col{i}",
                        [.. rows.Where(r => i < r.Count).SelectMany(r => Edges(r[i], scope, ctes, TransformationSubtype.Identity, masking: false))]))
                    .ToList();
                scope.Relations.Add(new Relation { Alias = alias.Length > 0 ? alias : "valueslist", Columns = columns });
                break;
            }

            case "SHOW_REF":
            {
                // DESCRIBE / SHOW / SUMMARIZE t: DuckDB wraps a SELECT * over t; every column of t is described (or summarized).
                var described = BindQuery(node["query"], scope, ctes);
                dataset.AddRange(described.DatasetEdges);
                scope.Relations.Add(new Relation { Alias = alias.Length > 0 ? alias : null, Columns = [] });
                break;
            }

            case "EMPTY":
                break;
            case var other:
                Warn($"Lineage through FROM item {other} is not supported; its columns are unknown.");
                scope.Relations.Add(new Relation { Alias = alias.Length > 0 ? alias : null, Columns = [] });
                break;
        }
    }

    private void BindBaseTable(JsonObject node, string alias, List<string> columnAliases, Scope scope, CteEnvironment ctes, List<LineageEdge> dataset)
    {
        if (TableOf(node) is not { } written)
        {
            scope.Relations.Add(new Relation { Alias = alias.Length > 0 ? alias : null, Columns = [] });
            return;
        }

        if (written.Catalog is null && written.Schema is null && ctes.Ctes.TryGetValue(written.Name, out var cte))
        {
            dataset.AddRange(cte.DatasetEdges);
            scope.Relations.Add(new Relation { Alias = alias.Length > 0 ? alias : written.Name, Columns = RenameColumns(cte.Columns, columnAliases) });
            return;
        }

        var table = _qualify(written);
        AddInput(table);
        _schemas.TryGetValue(table, out var known);
        List<BoundColumn>? columns = known is null
            ? null
            : [.. known.Select(c => new BoundColumn(c, [new LineageEdge(new SourceField(table, c), TransformationType.Direct, TransformationSubtype.Identity, false)]))];
        if (columns is not null && columnAliases.Count > 0)
        {
            columns = RenameColumns(columns, columnAliases);
        }

        scope.Relations.Add(new Relation { Alias = alias.Length > 0 ? alias : written.Name, Table = table, Columns = columns });
    }

    private void BindJoin(JsonObject node, Scope scope, CteEnvironment ctes, List<LineageEdge> dataset)
    {
        if (node["left"] is JsonObject left)
        {
            BindTableRef(left, scope, ctes, dataset);
        }

        var before = scope.Relations.Count;
        if (node["right"] is JsonObject right)
        {
            BindTableRef(right, scope, ctes, dataset);
        }

        var joinType = Str(node, "join_type");
        if (joinType is "SEMI" or "ANTI" or "MARK")
        {
            for (var i = before; i < scope.Relations.Count; i++)
            {
                var r = scope.Relations[i];
                scope.Relations[i] = new Relation { Alias = r.Alias, Table = r.Table, Columns = r.Columns, Hidden = true };
            }
        }

        // An inner join's condition also drops rows from both sides, so OpenLineage records it as a filter too.
        var filters = joinType is "INNER" or "SEMI" or "ANTI" && Str(node, "ref_type") != "CROSS";
        var conditionEdges = Edges(node["condition"], scope, ctes, TransformationSubtype.Identity, masking: false);
        foreach (var usingColumn in Strings(node["using_columns"]))
        {
            foreach (var relation in scope.Relations)
            {
                if (FindInRelation(relation, usingColumn) is { } edges)
                {
                    conditionEdges.AddRange(edges);
                }
            }
        }

        if (Str(node, "ref_type") == "NATURAL")
        {
            // NATURAL JOIN compares every column name the two sides share (known only with schemas).
            var leftNames = scope.Relations.Take(before).SelectMany(r => r.Columns ?? []).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var shared in scope.Relations.Skip(before).SelectMany(r => r.Columns ?? []).Select(c => c.Name).Where(leftNames.Contains).ToList())
            {
                foreach (var relation in scope.Relations)
                {
                    conditionEdges.AddRange(FindInRelation(relation, shared) ?? []);
                }
            }
        }

        dataset.AddRange(conditionEdges.Select(e => e.AsIndirect(TransformationSubtype.Join)));
        if (filters)
        {
            dataset.AddRange(conditionEdges.Select(e => e.AsIndirect(TransformationSubtype.Filter)));
        }
    }

    private void BindTableFunction(JsonObject node, string alias, List<string> columnAliases, Scope scope, CteEnvironment ctes)
    {
        var function = node["function"] as JsonObject;
        var name = Str(function, "function_name").ToLowerInvariant();
        var arguments = function?["children"] as JsonArray ?? [];
        var paths = arguments.Count > 0 ? StringConstants(arguments[0]) : [];
        if (paths.Count > 0 && (name.StartsWith("read_", StringComparison.Ordinal) || name.EndsWith("_scan", StringComparison.Ordinal)
            || name is "iceberg_scan" or "delta_scan"))
        {
            // A file reader: each path is a dataset of its own.
            foreach (var path in paths)
            {
                var file = SqlTableName.Path(path);
                AddInput(file);
                _schemas.TryGetValue(file, out var known);
                scope.Relations.Add(new Relation
                {
                    Alias = alias.Length > 0 ? alias : name,
                    Table = file,
                    Columns = known is null ? null : [.. known.Select(c => new BoundColumn(c, [new LineageEdge(new SourceField(file, c), TransformationType.Direct, TransformationSubtype.Identity, false)]))],
                });
            }

            return;
        }

        // unnest(x), range(n), generate_series(…): the produced columns are computed from the arguments.
        var edges = arguments.SelectMany(a => Edges(a, scope, ctes, TransformationSubtype.Transformation, masking: false)).ToList();
        var names = columnAliases.Count > 0 ? columnAliases : [name];
        scope.Relations.Add(new Relation { Alias = alias.Length > 0 ? alias : name, Columns = [.. names.Select(n => new BoundColumn(n, edges))] });
    }
}
