using System.Text.Json;
using System.Text.Json.Nodes;
using TownLake.Catalog.Agents.Budgets;

namespace TownLake.Catalog.Agents;

/// <summary>
/// One tool of the agent face, described once and served the same way over MCP, as JSON at
/// <c>/api/agent/&lt;name&gt;</c> and inside Code Mode scripts: its arguments (every tool also takes <c>budget</c>),
/// what it does, whether it only reads, and the function that answers it.
/// </summary>
public sealed record AgentTool(
    string Name,
    string Title,
    string Description,
    IReadOnlyList<AgentToolParameter> Parameters,
    Func<AgentToolCall, Task<object>> Run)
{
    /// <summary>True for tools that change nothing the caller can see (MCP <c>readOnlyHint</c>).</summary>
    public bool ReadOnly { get; init; } = true;

    /// <summary>True for tools that remove something (MCP <c>destructiveHint</c>).</summary>
    public bool Destructive { get; init; }

    /// <summary>True when calling twice with the same arguments has no further effect (MCP <c>idempotentHint</c>).</summary>
    public bool Idempotent { get; init; } = true;

    /// <summary>A one-line call a model can copy, shown by <c>search_tools</c>.</summary>
    public string? Example { get; init; }

    /// <summary>Offered to Code Mode scripts (execute itself is not).</summary>
    public bool InCodeMode { get; init; } = true;

    public static AgentToolParameter BudgetParameter { get; } = AgentToolParameter.Integer(
        "budget", $"Most tokens the answer may take (default {AgentBudget.Default:N0}); the answer says what it left out.", AgentBudget.Min, AgentBudget.Max, 1000);

    public IEnumerable<AgentToolParameter> AllParameters => Parameters.Append(BudgetParameter);

    public JsonElement InputSchema()
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject(AllParameters.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Schema()))),
            ["required"] = new JsonArray(Parameters.Where(p => p.Required).Select(p => (JsonNode)JsonValue.Create(p.Name)).ToArray()),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }

    /// <summary>The call as a JavaScript signature: <c>search_datasets({ query: string, limit?: integer, budget?: integer })</c>.</summary>
    public string Signature => $"{Name}({{ {string.Join(", ", AllParameters.Select(p => p.Signature))} }})";
}
