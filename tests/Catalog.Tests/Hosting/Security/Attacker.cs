using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Hosting.Security;

/// <summary>Sends requests the way an attacker would: from a chosen network address, with any headers and body.</summary>
public static class Attacker
{
    /// <summary>A client whose requests arrive from <paramref name="peer"/> (null: in-process, which counts as loopback).</summary>
    public static HttpClient ClientFrom(CatalogApiFactory api, string? peer, IDictionary<string, string>? headers = null)
    {
        var address = peer is null ? null : IPAddress.Parse(peer);
        var client = new HttpClient(api.Server.CreateHandler(context => context.Connection.RemoteIpAddress = address)) { BaseAddress = new Uri("http://localhost") };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        return client;
    }

    /// <summary>Posts a raw body with the given content type and extra headers; returns status and parsed body.</summary>
    public static async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(HttpClient client, string path, string body, string contentType, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? parsed = null;
        try
        {
            parsed = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // MCP answers with server-sent events; the status is what matters there
        }

        return ((int)response.StatusCode, parsed, response);
    }

    public static string? ErrorCode(JsonNode? body) => body?["error"]?["code"]?.GetValue<string>();

    public static string ErrorMessage(JsonNode? body) => body?["error"]?["message"]?.GetValue<string>() ?? "";
}
