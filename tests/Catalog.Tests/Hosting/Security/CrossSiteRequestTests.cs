using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Hosting.Security;

/// <summary>
/// In local mode every caller is the administrator, so a web page the user opens must not be able to change the
/// catalog through localhost: not with a "simple" cross-site request (text/plain, no preflight), not with a foreign
/// Origin, not through a host name rebound to 127.0.0.1. Each attack is performed against the real host and must fail
/// without changing anything; the same request from the UI's own origin still works.
/// </summary>
public sealed class CrossSiteRequestTests : IAsyncLifetime
{
    private const string Dataset = "lake.sales.orders";
    private readonly CatalogApiFactory _api = new();

    public async Task InitializeAsync() => await _api.DataAsync($$"""mutation { upsertDataset(input: { name: "{{Dataset}}", description: "original" }) { urn } }""");

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string Edit(string description) => new JsonObject
    {
        ["query"] = $$"""mutation { updateDescription(urn: "urn:tl:dataset:{{Dataset}}", description: "{{description}}") { description } }""",
    }.ToJsonString();

    private async Task<string> DescriptionAsync() =>
        (await _api.DataAsync($$"""{ dataset(name: "{{Dataset}}") { description } }"""))["dataset"]!["description"]!.GetValue<string>();

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) => headers.ToDictionary(h => h.Name, h => h.Value);

    [Fact]
    public async Task A_text_plain_graphql_mutation_is_refused_with_415_and_changes_nothing()
    {
        using var client = _api.CreateClient();

        var (status, body, _) = await Attacker.PostAsync(client, "/graphql", Edit("pwned"), "text/plain");

        Assert.Equal(415, status);
        Assert.Contains("application/json", Attacker.ErrorMessage(body));
        Assert.Equal("original", await DescriptionAsync());
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task Form_posts_are_refused(string contentType)
    {
        using var client = _api.CreateClient();

        var (status, _, _) = await Attacker.PostAsync(client, "/graphql", Edit("pwned"), contentType);

        Assert.Equal(415, status);
        Assert.Equal("original", await DescriptionAsync());
    }

    [Theory]
    [InlineData("/api/agent/start_query", """{"sql":"SELECT 1"}""")]
    [InlineData("/api/v1/lineage", """{"eventType":"COMPLETE"}""")]
    [InlineData("/api/agent/search_datasets", """{"query":"orders"}""")]
    public async Task Every_api_post_needs_a_json_content_type(string path, string body)
    {
        using var client = _api.CreateClient();

        var (status, error, _) = await Attacker.PostAsync(client, path, body, "text/plain");

        Assert.Equal(415, status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", Attacker.ErrorCode(error));
    }

    [Fact]
    public async Task A_mutation_from_another_sites_page_is_refused_with_403_and_changes_nothing()
    {
        using var client = _api.CreateClient();

        var (status, body, _) = await Attacker.PostAsync(client, "/graphql", Edit("pwned"), "application/json", Headers(("Origin", "https://evil.example")));

        Assert.Equal(403, status);
        Assert.Contains("Origin", Attacker.ErrorMessage(body));
        Assert.Equal("original", await DescriptionAsync());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("http://localhost:6666")]
    public async Task Look_alike_and_opaque_origins_are_refused(string origin)
    {
        using var client = _api.CreateClient();

        var (status, _, _) = await Attacker.PostAsync(client, "/graphql", Edit("pwned"), "application/json", Headers(("Origin", origin)));

        Assert.Equal(403, status);
        Assert.Equal("original", await DescriptionAsync());
    }

    [Fact]
    public async Task A_dns_rebinding_page_is_refused_because_of_its_host_name()
    {
        using var client = _api.CreateClient();

        // The rebinding page is same-origin with itself: only the Host header gives it away.
        var (status, body, _) = await Attacker.PostAsync(client, "/graphql", Edit("pwned"), "application/json",
            Headers(("Host", "rebind.evil.example:5080"), ("Origin", "http://rebind.evil.example:5080")));

        Assert.Equal(400, status);
        Assert.Contains("TownLake:Http:AllowedHosts", Attacker.ErrorMessage(body));
        Assert.Equal("original", await DescriptionAsync());
    }

    [Fact]
    public async Task A_rebound_host_name_cannot_even_read()
    {
        using var client = _api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/graphql?query={Uri.EscapeDataString("{ me { user { name } } }")}");
        request.Headers.Host = "rebind.evil.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task Mcp_refuses_a_foreign_origin_and_a_foreign_host()
    {
        using var client = _api.CreateClient();
        const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""";
        var accept = ("Accept", "application/json, text/event-stream");

        var (foreignOrigin, _, _) = await Attacker.PostAsync(client, "/mcp", Initialize, "application/json", Headers(accept, ("Origin", "https://evil.example")));
        var (foreignHost, _, _) = await Attacker.PostAsync(client, "/mcp", Initialize, "application/json", Headers(accept, ("Host", "rebind.evil.example")));
        var (textPlain, _, _) = await Attacker.PostAsync(client, "/mcp", Initialize, "text/plain", Headers(accept));
        var (sameOrigin, _, _) = await Attacker.PostAsync(client, "/mcp", Initialize, "application/json", Headers(accept, ("Origin", "http://localhost")));

        Assert.Equal(403, foreignOrigin);
        Assert.Equal(400, foreignHost);
        Assert.Equal(415, textPlain);
        Assert.Equal(200, sameOrigin);
    }

    [Theory]
    [InlineData("localhost", "http://localhost")]
    [InlineData("localhost:5080", "http://localhost:5080")]
    [InlineData("127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("[::1]:5080", "http://[::1]:5080")]
    public async Task The_same_mutation_from_the_uis_own_origin_works(string host, string origin)
    {
        using var client = _api.CreateClient();

        var (status, body, _) = await Attacker.PostAsync(client, "/graphql", Edit("edited"), "application/json; charset=utf-8", Headers(("Host", host), ("Origin", origin)));

        Assert.Equal(200, status);
        Assert.Equal("edited", body!["data"]!["updateDescription"]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_configured_extra_origin_and_host_are_allowed()
    {
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Http:AllowedHosts"] = "catalog.internal",
            ["TownLake:Http:AllowedOrigins"] = "https://portal.example",
        });
        using var client = api.CreateClient();
        var query = new JsonObject { ["query"] = "{ me { user { name } } }" }.ToJsonString();

        var (allowed, _, _) = await Attacker.PostAsync(client, "/graphql", query, "application/json", Headers(("Host", "catalog.internal"), ("Origin", "https://portal.example")));
        var (loopbackNoLongerListed, _, _) = await Attacker.PostAsync(client, "/graphql", query, "application/json", Headers(("Host", "localhost")));

        Assert.Equal(200, allowed);
        Assert.Equal(400, loopbackNoLongerListed);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/graphql?query=%7B__typename%7D")]
    [InlineData("/no/such/api")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = _api.CreateClient();

        using var response = await client.GetAsync(path);
        var headers = response.Headers;

        Assert.Equal("DENY", headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
        var csp = headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("http", csp);
    }
}
