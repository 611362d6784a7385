using System.Text.Json.Nodes;

namespace TownLake.Catalog.Agents;

/// <summary>One argument of an agent tool: its JSON type, what it means, an example, and its bounds.</summary>
public sealed record AgentToolParameter(string Name, string Type, string Description, bool Required = false, JsonNode? Example = null)
{
    public int? Minimum { get; init; }
    public int? Maximum { get; init; }
    public int? MaxLength { get; init; }
    public IReadOnlyList<string>? Values { get; init; }

    public static AgentToolParameter String(string name, string description, bool required = false, string? example = null) =>
        new(name, "string", description, required, example is null ? null : JsonValue.Create(example));

    public static AgentToolParameter Integer(string name, string description, int minimum, int maximum, int? example = null) =>
        new(name, "integer", description, false, example is null ? null : JsonValue.Create(example)) { Minimum = minimum, Maximum = maximum };

    public static AgentToolParameter Boolean(string name, string description) => new(name, "boolean", description);

    /// <summary>The JSON Schema of the argument, with its description and example for the model.</summary>
    public JsonObject Schema()
    {
        var schema = new JsonObject { ["type"] = Type, ["description"] = Description };
        if (Values is not null)
        {
            schema["enum"] = new JsonArray(Values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        }

        if (Minimum is { } min)
        {
            schema["minimum"] = min;
        }

        if (Maximum is { } max)
        {
            schema["maximum"] = max;
        }

        if (MaxLength is { } length)
        {
            schema["maxLength"] = length;
        }

        if (Example is not null)
        {
            schema["examples"] = new JsonArray(Example.DeepClone());
        }

        return schema;
    }

    /// <summary>How Code Mode's catalogue writes it: <c>name?: type</c>.</summary>
    public string Signature => $"{Name}{(Required ? "" : "?")}: {(Values is null ? Type : string.Join(" | ", Values.Select(v => $"\"{v}\"")))}";
}
