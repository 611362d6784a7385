using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Agents;

/// <summary>
/// A tool call's arguments, read by name and type. Every mistake — a missing argument, a wrong type, a value out of
/// range, an argument the tool does not have — is a BAD_USER_INPUT naming the argument, what was wrong, and how to call
/// the tool instead, so an agent can correct itself in one step.
/// </summary>
public sealed class AgentArguments
{
    private readonly JsonObject _values;
    private readonly AgentTool _tool;

    private AgentArguments(AgentTool tool, JsonObject values)
    {
        _tool = tool;
        _values = values;
    }

    /// <summary>Checks the names and required arguments against the tool's parameters.</summary>
    public static AgentArguments For(AgentTool tool, JsonObject? values)
    {
        // Read back from text, so values built in .NET (a resource read, a script) and parsed ones look alike.
        values = values is null ? [] : JsonNode.Parse(values.ToJsonString())!.AsObject();
        var known = tool.AllParameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = values.Select(p => p.Key).Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw Bad(tool, $"{tool.Name} has no argument {string.Join(", ", unknown.Take(5).Select(InputEcho.Quote))}; its arguments are {string.Join(", ", known)}.");
        }

        foreach (var parameter in tool.Parameters.Where(p => p.Required))
        {
            if (values[parameter.Name] is null)
            {
                throw Bad(tool, $"Argument '{parameter.Name}' is missing: {parameter.Description}");
            }
        }

        var arguments = new AgentArguments(tool, values);
        foreach (var parameter in tool.AllParameters)
        {
            arguments.CheckType(parameter);
        }

        return arguments;
    }

    /// <summary>The arguments as sent, for the audit trail.</summary>
    public JsonObject Raw => _values;

    public string? String(string name)
    {
        var value = _values[name];
        var text = value?.GetValue<string>();
        var parameter = Parameter(name);
        if (text is not null && parameter.MaxLength is { } max && text.Length > max)
        {
            throw Bad(_tool, $"Argument '{name}' is {text.Length:N0} characters long; at most {max:N0} are allowed.");
        }

        if (text is not null && parameter.Values is { } allowed && !allowed.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            throw Bad(_tool, $"Argument '{name}' is {InputEcho.Quote(text)}; use one of {string.Join(", ", allowed)}.");
        }

        return text;
    }

    /// <summary>A required string that must not be blank.</summary>
    public string RequiredString(string name)
    {
        var text = String(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Bad(_tool, $"Argument '{name}' is empty: {Parameter(name).Description}");
        }

        return text;
    }

    public int? Int(string name)
    {
        var value = _values[name];
        if (value is null)
        {
            return null;
        }

        var number = value.GetValue<JsonElement>().GetInt32();
        var parameter = Parameter(name);
        if ((parameter.Minimum is { } min && number < min) || (parameter.Maximum is { } max && number > max))
        {
            throw Bad(_tool, string.Create(CultureInfo.InvariantCulture, $"Argument '{name}' is {number}; it must be between {parameter.Minimum} and {parameter.Maximum}."));
        }

        return number;
    }

    public bool? Bool(string name) => _values[name]?.GetValue<JsonElement>().GetBoolean();

    public JsonObject? Object(string name) => _values[name] as JsonObject;

    private AgentToolParameter Parameter(string name) => _tool.AllParameters.First(p => p.Name == name);

    private void CheckType(AgentToolParameter parameter)
    {
        var value = _values[parameter.Name];
        if (value is null)
        {
            return;
        }

        var kind = value.GetValueKind();
        var ok = parameter.Type switch
        {
            "string" => kind == JsonValueKind.String,
            "integer" => kind == JsonValueKind.Number && value.GetValue<JsonElement>().TryGetInt32(out _),
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            _ => true,
        };
        if (!ok)
        {
            var sent = InputEcho.Truncate(value.ToJsonString(AgentJson.Options), 60);
            throw Bad(_tool, $"Argument '{parameter.Name}' must be {Article(parameter.Type)}, but {Describe(kind)} was sent ({sent}).");
        }
    }

    private static string Article(string type) => type switch
    {
        "integer" => "an integer",
        "object" => "an object",
        "array" => "an array",
        _ => "a " + type,
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number that is not a whole 32-bit integer",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static CatalogException Bad(AgentTool tool, string message) => new(Hosting.Errors.ErrorCodes.BadUserInput, message)
    {
        Hint = $"Call it as {tool.Signature}" + (tool.Example is null ? "." : $", e.g. {tool.Example}."),
    };
}
