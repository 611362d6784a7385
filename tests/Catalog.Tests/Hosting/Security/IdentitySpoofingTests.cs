using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Hosting.Security;

/// <summary>
/// Header mode believes X-Forwarded-User/Groups only from the trusted proxy (loopback by default, or the configured
/// addresses and networks) and, when configured, with the proxy's shared secret. Each test is an attempt to be
/// someone else that must fail, with a status that says why.
/// </summary>
public sealed class IdentitySpoofingTests
{
    private const string Me = "{ me { user { name } isAdmin } }";
    private const string Secret = "a-proxy-secret-that-is-at-least-32-characters";

    private static CatalogApiFactory HeaderMode(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["TownLake:Auth:Mode"] = "header" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new CatalogApiFactory(settings: all);
    }

    private static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> AskMeAsync(HttpClient client, IDictionary<string, string>? headers = null) =>
        Attacker.PostAsync(client, "/graphql", new JsonObject { ["query"] = Me }.ToJsonString(), "application/json", headers);

    [Fact]
    public async Task Mallory_claiming_admin_from_an_outside_address_is_refused_and_told_why()
    {
        await using var api = HeaderMode();
        using var mallory = Attacker.ClientFrom(api, "203.0.113.9");

        var (status, body, _) = await AskMeAsync(mallory, new Dictionary<string, string> { ["X-Forwarded-User"] = "mallory", ["X-Forwarded-Groups"] = "admins" });

        Assert.Equal(403, status);
        Assert.Contains("trusted proxy", Attacker.ErrorMessage(body));
        Assert.Contains("TownLake:Auth:TrustedProxies", Attacker.ErrorMessage(body));
    }

    [Fact]
    public async Task The_same_headers_from_the_loopback_proxy_name_the_user()
    {
        await using var api = HeaderMode();
        using var proxy = Attacker.ClientFrom(api, "127.0.0.1");

        var (status, body, _) = await AskMeAsync(proxy, new Dictionary<string, string> { ["X-Forwarded-User"] = "carol", ["X-Forwarded-Groups"] = "admins" });

        Assert.Equal(200, status);
        Assert.Equal("carol", body!["data"]!["me"]!["user"]!["name"]!.GetValue<string>());
        Assert.True(body["data"]!["me"]!["isAdmin"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Only_the_configured_proxy_network_may_name_users_not_loopback_nor_the_rest_of_the_world()
    {
        await using var api = HeaderMode(("TownLake:Auth:TrustedProxies", "172.28.0.0/24"));
        var headers = new Dictionary<string, string> { ["X-Forwarded-User"] = "carol" };
        using var proxy = Attacker.ClientFrom(api, "172.28.0.10");
        using var neighbour = Attacker.ClientFrom(api, "172.29.0.10");
        using var local = Attacker.ClientFrom(api, "::1");

        var (fromProxy, _, _) = await AskMeAsync(proxy, headers);
        var (fromNeighbour, _, _) = await AskMeAsync(neighbour, headers);
        var (fromLocal, _, _) = await AskMeAsync(local, headers);

        Assert.Equal(200, fromProxy);
        Assert.Equal(403, fromNeighbour);
        Assert.Equal(403, fromLocal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("a-wrong-secret-that-is-also-32-characters-long")]
    public async Task Without_the_proxy_secret_identity_headers_are_refused_even_from_loopback(string? secret)
    {
        await using var api = HeaderMode(("TownLake:Auth:ProxySecret", Secret));
        using var client = Attacker.ClientFrom(api, "127.0.0.1");
        var headers = new Dictionary<string, string> { ["X-Forwarded-User"] = "mallory", ["X-Forwarded-Groups"] = "admins" };
        if (secret is not null)
        {
            headers["X-TownLake-Proxy-Secret"] = secret;
        }

        var (status, body, _) = await AskMeAsync(client, headers);

        Assert.Equal(401, status);
        Assert.Contains("X-TownLake-Proxy-Secret", Attacker.ErrorMessage(body));
    }

    [Fact]
    public async Task With_the_proxy_secret_the_user_is_named()
    {
        await using var api = HeaderMode(("TownLake:Auth:ProxySecret", Secret));
        using var client = Attacker.ClientFrom(api, "127.0.0.1");

        var (status, body, _) = await AskMeAsync(client, new Dictionary<string, string> { ["X-Forwarded-User"] = "carol", ["X-TownLake-Proxy-Secret"] = Secret });

        Assert.Equal(200, status);
        Assert.Equal("carol", body!["data"]!["me"]!["user"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_user_headers_are_refused_instead_of_becoming_user_a_comma_b()
    {
        await using var api = HeaderMode();
        using var client = Attacker.ClientFrom(api, "127.0.0.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = System.Net.Http.Json.JsonContent.Create(new { query = Me }) };
        request.Headers.TryAddWithoutValidation("X-Forwarded-User", ["a", "b"]);

        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("X-Forwarded-User", Attacker.ErrorMessage(body));
    }

    [Theory]
    [InlineData("a,b")]
    [InlineData("   ")]
    public async Task A_malformed_user_header_is_refused(string user)
    {
        await using var api = HeaderMode();
        using var client = Attacker.ClientFrom(api, "127.0.0.1");

        var (status, body, _) = await AskMeAsync(client, new Dictionary<string, string> { ["X-Forwarded-User"] = user });

        Assert.Equal(400, status);
        Assert.Equal("BAD_REQUEST", Attacker.ErrorCode(body));
    }

    [Fact]
    public async Task An_oversized_user_header_is_refused_without_echoing_it()
    {
        await using var api = HeaderMode();
        using var client = Attacker.ClientFrom(api, "127.0.0.1");
        var huge = new string('m', 20_000);

        var (status, body, _) = await AskMeAsync(client, new Dictionary<string, string> { ["X-Forwarded-User"] = huge });

        Assert.Equal(400, status);
        Assert.DoesNotContain(huge[..300], body!.ToJsonString());
    }

    [Fact]
    public async Task Groups_without_a_user_are_refused()
    {
        await using var api = HeaderMode();
        using var client = Attacker.ClientFrom(api, "127.0.0.1");

        var (status, _, _) = await AskMeAsync(client, new Dictionary<string, string> { ["X-Forwarded-Groups"] = "admins" });

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task A_malformed_trusted_proxy_list_stops_the_service_at_start()
    {
        await using var api = HeaderMode(("TownLake:Auth:TrustedProxies", "10.0.0.0/33"));

        Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("TownLake:Auth:TrustedProxies", new Catalog.Hosting.TownLakeOptionsValidator().Validate(null, new() { Auth = new() { TrustedProxies = "10.0.0.0/33" } }).FailureMessage);
    }

    [Fact]
    public async Task A_short_proxy_secret_stops_the_service_at_start()
    {
        await using var api = HeaderMode(("TownLake:Auth:ProxySecret", "short"));

        Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("TownLake:Auth:ProxySecret", new Catalog.Hosting.TownLakeOptionsValidator().Validate(null, new() { Auth = new() { ProxySecret = "short" } }).FailureMessage);
    }
}
