using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace TownLake.Catalog.Tests.Agents;

/// <summary>An MCP client (the official C# SDK) on the service's <c>/mcp</c> endpoint over streamable HTTP, as a given user when the service trusts proxy headers.</summary>
public sealed class AgentMcpClient : IAsyncDisposable
{
    private AgentMcpClient(McpClient client) => Client = client;

    public McpClient Client { get; }

    public static async Task<AgentMcpClient> ConnectAsync(CatalogApiFactory api, string? user = null, string? groups = null)
    {
        try
        {
            return new AgentMcpClient(await McpClient.CreateAsync(Transport(api, user, groups)));
        }
        catch (HttpRequestException ex) when ((int?)ex.StatusCode == 499)
        {
            // Seen on a loaded machine: the very first initialize of a fresh host answered 499 (cancelled). Retried once.
            return new AgentMcpClient(await McpClient.CreateAsync(Transport(api, user, groups)));
        }
    }

    private static HttpClientTransport Transport(CatalogApiFactory api, string? user, string? groups)
    {
        var http = api.CreateClient();
        http.Timeout = TimeSpan.FromSeconds(90);
        if (user is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-User", user);
        }

        if (groups is not null)
        {
            http.DefaultRequestHeaders.Add("X-Forwarded-Groups", groups);
        }

        return new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(http.BaseAddress!, "/mcp") }, http, null, ownsHttpClient: true);
    }

    /// <summary>Calls a tool and returns whether it failed, its text, and the text parsed as JSON.</summary>
    public async Task<ToolOutcome> CallAsync(string tool, object? arguments = null)
    {
        var values = arguments is null
            ? new Dictionary<string, object?>()
            : JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(arguments))!.AsObject().ToDictionary(p => p.Key, p => (object?)p.Value);
        var result = await Client.CallToolAsync(tool, values);
        var text = ((TextContentBlock)result.Content[0]).Text;
        return new ToolOutcome(result.IsError == true, text, JsonNode.Parse(text)!);
    }

    /// <summary>Calls a tool that must succeed and returns its answer.</summary>
    public async Task<JsonNode> AnswerAsync(string tool, object? arguments = null)
    {
        var outcome = await CallAsync(tool, arguments);
        Assert.False(outcome.IsError, outcome.Text);
        return outcome.Json;
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}

/// <summary>A tool's result as the client saw it.</summary>
public sealed record ToolOutcome(bool IsError, string Text, JsonNode Json)
{
    public string? Code => Json["error"]?["code"]?.GetValue<string>();
    public string Message => Json["error"]?["message"]?.GetValue<string>() ?? "";
    public string Hint => Json["error"]?["hint"]?.GetValue<string>() ?? "";
}
