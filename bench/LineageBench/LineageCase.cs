using System.Text.Json.Nodes;

namespace TownLake.LineageBench;

/// <summary>
/// One expected OpenLineage event: the statement, its dialect (the SQL facet's <c>dialect</c>, null when it names none),
/// the known schemas, and the lineage it should yield. Names are kept exactly as the event spells them, so a case
/// checks identifier folding too (Snowflake's <c>ORDERS</c> is not <c>orders</c>).
/// </summary>
internal sealed record LineageCase(
    string Name,
    string Sql,
    string? Dialect,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Schemas,
    string? DefaultSchema,
    IReadOnlySet<TableEdge> TableEdges,
    IReadOnlyDictionary<ColumnEdge, IReadOnlySet<string>> DirectEdges,
    IReadOnlySet<ColumnEdge> MaskedEdges,
    IReadOnlySet<IndirectEdge> IndirectEdges)
{
    public static LineageCase Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");
        var sql = root["job"]?["facets"]?["sql"]?["query"]?.GetValue<string>()
            ?? throw new InvalidDataException($"{path} has no job.facets.sql.query.");
        var dialect = root["job"]?["facets"]?["sql"]?["dialect"]?.GetValue<string>();
        var inputs = root["inputs"] as JsonArray ?? [];
        var outputs = root["outputs"] as JsonArray ?? [];

        // What a catalog would know before the run: the schema of every dataset the event names.
        var schemas = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var dataset in inputs.Concat(outputs).OfType<JsonObject>())
        {
            var fields = dataset["facets"]?["schema"]?["fields"] as JsonArray;
            if (fields is not null)
            {
                schemas[NameOf(dataset)] = [.. fields.Select(f => f?["name"]?.GetValue<string>() ?? "")];
            }
        }

        // The session's current database: the schema part of the first table (not file) the event names.
        var defaultSchema = inputs.Concat(outputs).OfType<JsonObject>()
            .Where(d => (d["namespace"]?.GetValue<string>() ?? "") != "file" && NameOf(d).Contains('.', StringComparison.Ordinal))
            .Select(d => NameOf(d)[..NameOf(d).LastIndexOf('.')])
            .FirstOrDefault();

        var tableEdges = new HashSet<TableEdge>();
        var direct = new Dictionary<ColumnEdge, IReadOnlySet<string>>();
        var indirect = new HashSet<IndirectEdge>();
        var masked = new HashSet<ColumnEdge>();
        foreach (var output in outputs.OfType<JsonObject>())
        {
            var outputName = NameOf(output);
            foreach (var input in inputs.OfType<JsonObject>())
            {
                tableEdges.Add(new TableEdge(NameOf(input), outputName));
            }

            var lineage = output["facets"]?["columnLineage"];
            foreach (var (column, value) in lineage?["fields"] as JsonObject ?? [])
            {
                foreach (var inputField in value?["inputFields"] as JsonArray ?? [])
                {
                    var edge = new ColumnEdge(outputName, column,
                        inputField!["name"]!.GetValue<string>(), inputField["field"]!.GetValue<string>());
                    var subtypes = new HashSet<string>();
                    foreach (var t in inputField["transformations"] as JsonArray ?? [])
                    {
                        var type = t?["type"]?.GetValue<string>();
                        var subtype = t?["subtype"]?.GetValue<string>() ?? "";
                        if (type == "DIRECT")
                        {
                            subtypes.Add(subtype);
                            if (t?["masking"]?.GetValue<bool>() == true)
                            {
                                masked.Add(edge);
                            }
                        }
                        else
                        {
                            indirect.Add(new IndirectEdge(edge.Output, edge.Column, edge.Input, edge.Field, subtype));
                        }
                    }

                    if (subtypes.Count > 0)
                    {
                        direct[edge] = subtypes;
                    }
                }
            }

            foreach (var inputField in lineage?["dataset"] as JsonArray ?? [])
            {
                foreach (var t in inputField?["transformations"] as JsonArray ?? [])
                {
                    indirect.Add(new IndirectEdge(outputName, "*", inputField!["name"]!.GetValue<string>(),
                        inputField["field"]!.GetValue<string>(), t?["subtype"]?.GetValue<string>() ?? ""));
                }
            }
        }

        return new LineageCase(System.IO.Path.GetFileNameWithoutExtension(path), sql, dialect, schemas, defaultSchema, tableEdges, direct, masked, indirect);
    }

    private static string NameOf(JsonObject dataset) => dataset["name"]?.GetValue<string>() ?? "";
}

/// <summary>An input dataset feeding an output dataset.</summary>
internal sealed record TableEdge(string Input, string Output);

/// <summary>An input column feeding an output column.</summary>
internal sealed record ColumnEdge(string Output, string Column, string Input, string Field);

/// <summary>An indirect dependency; <see cref="Column"/> is <c>*</c> for dataset-wide ones.</summary>
internal sealed record IndirectEdge(string Output, string Column, string Input, string Field, string Subtype);
