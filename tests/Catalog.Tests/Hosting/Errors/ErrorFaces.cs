using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace TownLake.Catalog.Tests.Hosting.Errors;

/// <summary>What one face answered for a failure: its status (null for MCP), the TownLake code and the message.</summary>
public sealed record SeenError(string Face, int? Status, string? Code, string? Message);

/// <summary>Sends the same failure to each face of the running service and reads back its error in that face's shape.</summary>
public sealed class ErrorFaces(CatalogApiFactory api) : IAsyncDisposable
{
    private readonly HttpClient _http = api.CreateClient();
    private McpClient? _mcp;

    /// <summary>GraphQL: <c>errors[0].extensions.code</c> and <c>errors[0].message</c>.</summary>
    public async Task<SeenError> GraphQLAsync(string query, object? variables = null)
    {
        using var response = await _http.PostAsJsonAsync("/graphql", new { query, variables });
        return FromGraphQL((int)response.StatusCode, await ParseAsync(response));
    }

    public async Task<SeenError> GraphQLRawAsync(string body)
    {
        using var response = await _http.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
        return FromGraphQL((int)response.StatusCode, await ParseAsync(response));
    }

    /// <summary>REST and agent JSON: <c>{"error": {"code", "message"}}</c>.</summary>
    public async Task<SeenError> RestAsync(string path, string body, string mediaType = "application/json")
    {
        using var response = await _http.PostAsync(path, new StringContent(body, Encoding.UTF8, mediaType));
        var json = await ParseAsync(response);
        return new SeenError(path, (int)response.StatusCode, (string?)json?["error"]?["code"], (string?)json?["error"]?["message"]);
    }

    /// <summary>A GET answered in the REST shape <c>{"error": {"code", "message"}}</c>.</summary>
    public async Task<SeenError> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var json = await ParseAsync(response);
        return new SeenError(path, (int)response.StatusCode, (string?)json?["error"]?["code"], (string?)json?["error"]?["message"]);
    }

    /// <summary>Marquez's <c>ErrorMessage</c>: the status again as <c>code</c>, our code in <c>details</c>.</summary>
    public async Task<SeenError> MarquezAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var json = await ParseAsync(response);
        Assert.True((int)response.StatusCode == (int?)json?["code"], $"{path}: the status and Marquez's code disagree: {json}");
        Assert.Null(json?["error"]);
        return new SeenError("marquez " + path, (int)response.StatusCode, (string?)json?["details"], (string?)json?["message"]);
    }

    /// <summary>An MCP tool through the official client: an <c>isError</c> result whose text is the REST error body.</summary>
    public async Task<SeenError> McpAsync(string tool, Dictionary<string, object?> arguments)
    {
        _mcp ??= await McpClient.CreateAsync(new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri(_http.BaseAddress!, "/mcp"),
                // The service speaks Streamable HTTP only: a failed connect is reported as it is, not retried over SSE.
                TransportMode = HttpTransportMode.StreamableHttp,
            }, api.CreateClient(), null, ownsHttpClient: true),
            // The client gives its first request (the server/discover probe) 5 s by default, and cancels it after that:
            // a fresh host's first MCP request on a loaded machine can take longer (the service answers 499 to the
            // cancel). Under AutoDetect the client then fell back to SSE and waited there for over a minute.
            new McpClientOptions { DiscoverProbeTimeout = TimeSpan.FromSeconds(30) });
        var result = await _mcp.CallToolAsync(tool, arguments);
        var text = ((TextContentBlock)result.Content[0]).Text;
        Assert.True(result.IsError == true, $"{tool} did not fail: {text}");
        Assert.True(text.StartsWith('{'), $"{tool} failed outside the error contract: {text}");
        var json = JsonNode.Parse(text);
        return new SeenError("mcp " + tool, null, (string?)json?["error"]?["code"], (string?)json?["error"]?["message"]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_mcp is not null)
        {
            await _mcp.DisposeAsync();
        }

        _http.Dispose();
    }

    private static SeenError FromGraphQL(int status, JsonNode? json) =>
        new("graphql", status, (string?)json?["errors"]?[0]?["extensions"]?["code"], (string?)json?["errors"]?[0]?["message"]);

    private static async Task<JsonNode?> ParseAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }
}
