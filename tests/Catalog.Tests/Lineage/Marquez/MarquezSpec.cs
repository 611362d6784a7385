using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace TownLake.Catalog.Tests.Lineage.Marquez;

/// <summary>
/// Marquez's OpenAPI spec (a copy of its <c>spec/openapi.yml</c>, see openapi.SOURCE.md) turned into JSON Schema so
/// TownLake's Marquez responses can be validated against the spec's component schemas, formats (date-time, uuid)
/// included. OpenAPI 3.0 has no null; Marquez serialises an absent optional property as null (its own examples show
/// <c>latestRun: null</c>, <c>nominalStartTime: null</c>, <c>lastModifiedAt: null</c>), so a property the schema does
/// not require may be null; a required one must be present and of its type. Where the spec disagrees with what Marquez
/// itself serves, it is patched below, each patch with its reason.
/// </summary>
public sealed class MarquezSpec
{
    private readonly JsonObject _definitions;
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public MarquezSpec()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Lineage", "Marquez", "openapi.yml");
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var spec = (JsonObject)ToJson(yaml.Documents[0].RootNode)!;
        _definitions = (JsonObject)Convert(spec["components"]!["schemas"]!)!;
        Patch();
    }

    /// <summary>The names of the spec's component schemas.</summary>
    public IEnumerable<string> SchemaNames => _definitions.Select(kv => kv.Key);

    /// <summary>The errors of <paramref name="instance"/> against component schema <paramref name="name"/> (none when valid).</summary>
    public IReadOnlyList<string> Errors(string name, JsonNode? instance)
    {
        if (!_schemas.TryGetValue(name, out var schema))
        {
            Assert.True(_definitions.ContainsKey(name), $"The spec has no component schema {name}.");
            var document = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$id"] = $"https://marquez.spec.test/{name}",
                ["$ref"] = $"#/$defs/{name}",
                ["$defs"] = _definitions.DeepClone(),
            };
            schema = JsonSchema.FromText(document.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            _schemas[name] = schema;
        }

        using var json = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).DefaultIfEmpty("invalid").ToList();
    }

    /// <summary>Fails naming every error when <paramref name="instance"/> does not validate against schema <paramref name="name"/>.</summary>
    public void AssertValid(string name, JsonNode? instance)
    {
        var errors = Errors(name, instance);
        Assert.True(errors.Count == 0, $"Not a valid Marquez {name}:\n{string.Join('\n', errors)}\n{instance?.ToJsonString()}");
    }

    /// <summary>A lineage graph: the envelope against LineageGraph, each node's data against Dataset or Job by the node's type.</summary>
    public void AssertValidGraph(JsonNode? graph)
    {
        AssertValid("LineageGraph", graph);
        foreach (var node in graph!["graph"]!.AsArray())
        {
            switch ((string?)node!["type"])
            {
                case "DATASET":
                    AssertValid("Dataset", node["data"]);
                    break;
                case "JOB":
                    AssertValid("Job", node["data"]);
                    break;
            }
        }
    }

    private void Patch()
    {
        // Run is "anyOf: [IncompleteRun, {jobVersion, …}]", meant as IncompleteRun plus the versions; as anyOf the second
        // branch (no required properties) accepts any object and nothing would be checked, so it is read as allOf.
        var run = _definitions["Run"]!.AsObject();
        run["allOf"] = run["anyOf"]!.DeepClone();
        run.Remove("anyOf");
        // GraphNode.data is oneOf Dataset/Job with a discriminator on data.type mapping DATASET/JOB, but data.type holds
        // DB_TABLE/STREAM/BATCH… and both schemas accept any object, so oneOf can never hold; AssertValidGraph checks data by node type.
        _definitions["GraphNode"]!["properties"]!["data"] = new JsonObject { ["type"] = "object" };
        // Marquez's column lineage (ColumnLineageResource) answers with DATASET_FIELD nodes, a NodeType the spec omits.
        _definitions["NodeType"]!["enum"]!.AsArray().Add("DATASET_FIELD");
        // DatasetVersion.tags is typed string, but Marquez's DatasetVersion model serialises a set of tag names.
        _definitions["DatasetVersion"]!["properties"]!["tags"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } };
        // DatasetVersion requires description, but Marquez's model has a @Nullable description that it serialises as null.
        _definitions["DatasetVersion"]!["properties"]!["description"] = new JsonObject { ["type"] = new JsonArray("string", "null") };
        // FacetsResult.facets is typed as one CustomFacet, but Marquez's /jobs/runs/{id}/facets answers a map of facets by name.
        _definitions["FacetsResult"]!["properties"]!["facets"] = new JsonObject { ["$ref"] = "#/$defs/RunFacets" };
    }

    /// <summary>OpenAPI 3.0 schema → JSON Schema 2020-12: refs to $defs, examples and discriminators dropped, optional properties nullable.</summary>
    private static JsonNode? Convert(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray([.. array.Select(Convert)]);
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (key is "example" or "discriminator" || value is null)
                    {
                        continue;
                    }

                    result[key] = key == "$ref" && (string?)value is { } target
                        ? target.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal)
                        : key == "properties" && value is JsonObject properties
                            ? Properties(properties, obj["required"] as JsonArray)
                            : Convert(value);
                }

                return result;
            default:
                return node?.DeepClone();
        }
    }

    private static JsonObject Properties(JsonObject properties, JsonArray? required)
    {
        var must = required?.Select(r => (string?)r).ToHashSet(StringComparer.Ordinal) ?? [];
        var result = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            var converted = Convert(schema) ?? new JsonObject();
            result[name] = must.Contains(name) ? converted : new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, converted) };
        }

        return result;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar => Plain(scalar.Value),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static JsonNode? Plain(string? text) =>
        text is null or "" or "~" or "null" ? null
        : text is "true" or "false" ? JsonValue.Create(text == "true")
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? JsonValue.Create(whole)
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !text.Contains(':') ? JsonValue.Create(number)
        : JsonValue.Create(text);
}
