using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.GraphQL;

/// <summary>The HTTP face of GraphQL: malformed requests, limits, GET, and who the caller is.</summary>
public sealed class GraphQLHttpTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"query\": 42}")]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    public async Task A_malformed_body_is_a_400_with_a_message(string body)
    {
        using var client = _api.CreateClient();
        using var response = await client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace(json["errors"]![0]!["message"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("{ dataset(name: \"a.b.c\") { nope } }")]
    [InlineData("{ dataset(name: ")]
    [InlineData("mutation { upsertDataset { urn } }")]
    public async Task An_invalid_operation_is_a_400_with_errors_never_a_500(string query)
    {
        using var client = _api.CreateClient();
        using var response = await client.PostAsJsonAsync("/graphql", new { query });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(json["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task A_too_deep_query_is_refused_with_the_depth_error()
    {
        var result = await _api.GraphQLAsync(NestedParents(20));

        // The depth is measured on the document before validation (GraphQL limits), and the error names the limit.
        var error = result["errors"]![0]!;
        Assert.Null(result["data"]);
        Assert.Equal("QUERY_TOO_COMPLEX", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("MaxDepth", error["extensions"]!["limit"]!.GetValue<string>());
        Assert.Contains("levels of nesting", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_as_deep_as_the_limit_runs()
    {
        // glossaryTerm (1) + parents + name: the depth is the number of parents plus two.
        var result = await _api.GraphQLAsync(NestedParents(new TownLake.Catalog.GraphQL.GraphQLLimitsOptions().MaxDepth - 2));

        Assert.Null(result["errors"]);
        Assert.NotNull(result["data"]);
    }

    private static string NestedParents(int parents) =>
        "{ glossaryTerm(name: \"x\") { " + string.Concat(Enumerable.Repeat("parent { ", parents)) + "name" + new string('}', parents + 1) + " }";

    [Fact]
    public async Task Get_runs_queries_but_refuses_mutations()
    {
        using var client = _api.CreateClient();
        using var query = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ me { user { name } } }"));
        using var mutation = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { createGlossaryTerm(input: { name: \"x\" }) { urn } }"));

        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, mutation.StatusCode);
        Assert.Contains("POST", await mutation.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_endpoint_answers()
    {
        using var client = _api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}

/// <summary>Caller identity behind a trusted proxy and with bearer tokens: anonymous callers may read but not write.</summary>
public sealed class CallerIdentityTests
{
    [Fact]
    public async Task Behind_a_proxy_the_header_names_the_caller_and_anonymous_writes_are_forbidden()
    {
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?> { ["TownLake:Auth:Mode"] = "header", ["TownLake:Auth:AllowAnonymousRead"] = "true" });
        using var anonymous = api.CreateClient();
        using var carol = api.CreateClient();
        carol.DefaultRequestHeaders.Add("X-Forwarded-User", "carol");
        carol.DefaultRequestHeaders.Add("X-Forwarded-Groups", "analysts, admins");
        const string create = """mutation { createGlossaryTerm(input: { name: "Churn" }) { urn } }""";

        var refused = await api.GraphQLAsync(create, client: anonymous);
        var me = await api.DataAsync("{ me { user { name } groups { name } isAdmin } }", client: carol);
        await api.DataAsync(create, client: carol);
        await api.DataAsync("""mutation { upsertDataset(input: { name: "a.b.c" }) { urn } }""", client: carol);
        var history = await api.DataAsync("""{ dataset(name: "a.b.c") { history { actor } } }""", client: anonymous);

        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(refused));
        Assert.Equal("carol", me["me"]!["user"]!["name"]!.GetValue<string>());
        Assert.True(me["me"]!["isAdmin"]!.GetValue<bool>());
        Assert.Equal("carol", history["dataset"]!["history"]![0]!["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_valid_bearer_token_names_the_caller_and_a_missing_one_is_anonymous()
    {
        const string key = "a-test-signing-key-that-is-long-enough-for-hmac";
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Auth:Mode"] = "jwt",
            ["TownLake:Auth:SigningKey"] = key,
            ["TownLake:Auth:Issuer"] = "https://idp.test",
            ["TownLake:Auth:Audience"] = "townlake",
            ["TownLake:Auth:Stewards"] = "dave",
            ["TownLake:Auth:AllowAnonymousRead"] = "true",
        });
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var token = handler.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "https://idp.test",
            Audience = "townlake",
            Claims = new Dictionary<string, object> { ["preferred_username"] = "dave", ["sub"] = "u-1" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
        using var dave = api.CreateClient();
        dave.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var anonymous = api.CreateClient();

        var me = await api.DataAsync("{ me { user { name } canEdit } }", client: dave);
        var nobody = await api.DataAsync("{ me { user { name } canEdit } }", client: anonymous);

        Assert.Equal("dave", me["me"]!["user"]!["name"]!.GetValue<string>());
        Assert.True(me["me"]!["canEdit"]!.GetValue<bool>());
        Assert.Equal("anonymous", nobody["me"]!["user"]!["name"]!.GetValue<string>());
        Assert.False(nobody["me"]!["canEdit"]!.GetValue<bool>());
    }
}
