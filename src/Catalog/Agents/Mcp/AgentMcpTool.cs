using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Agents.Mcp;

/// <summary>
/// An <see cref="AgentTool"/> served over MCP: its hand-written input schema (descriptions, examples, bounds) and
/// annotations, and calls run by <see cref="AgentToolRunner"/> as the HTTP request's caller. Arguments are read by the
/// tool itself rather than bound by the SDK, so a missing or wrong-typed one is an <c>isError</c> result naming it,
/// not the SDK's generic "An error occurred invoking".
/// </summary>
public sealed class AgentMcpTool(AgentTool tool) : McpServerTool
{
    public override Tool ProtocolTool { get; } = new()
    {
        Name = tool.Name,
        Title = tool.Title,
        Description = tool.Description,
        InputSchema = tool.InputSchema(),
        Annotations = new ToolAnnotations
        {
            Title = tool.Title,
            ReadOnlyHint = tool.ReadOnly,
            DestructiveHint = tool.Destructive,
            IdempotentHint = tool.Idempotent,
            OpenWorldHint = false,
        },
    };

    public override IReadOnlyList<object> Metadata { get; } = [];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        var services = request.Services ?? throw new InvalidOperationException("MCP requests carry their services.");
        var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext;
        var caller = http is null ? Caller.Anonymous : services.GetRequiredService<CallerResolver>().Resolve(http);
        var arguments = new JsonObject();
        foreach (var (name, value) in request.Params?.Arguments ?? new Dictionary<string, JsonElement>())
        {
            arguments[name] = JsonNode.Parse(value.GetRawText());
        }

        var answer = await services.GetRequiredService<AgentToolRunner>().RunAsync(tool.Name, arguments, caller, "mcp", null, cancellationToken);
        return answer.Error is { } error
            ? new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = ErrorBodies.Rest(error).ToJsonString(AgentJson.Options) }] }
            : new CallToolResult { Content = [new TextContentBlock { Text = answer.Json! }] };
    }
}
