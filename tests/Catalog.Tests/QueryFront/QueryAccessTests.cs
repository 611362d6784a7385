using System.Net.Http.Json;

namespace TownLake.Catalog.Tests.QueryFront;

/// <summary>Who may run and see queries, and the configured limits (header identity: the proxy names the user).</summary>
public sealed class QueryAccessTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new(demo: true, settings: new Dictionary<string, string?>
    {
        ["TownLake:Auth:Mode"] = "header",
        ["TownLake:Query:Timeout"] = "00:00:02",
        ["TownLake:Query:MaxRows"] = "500",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private HttpClient ClientFor(string? user, string? groups = null)
    {
        var client = _api.CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-User", user);
        }

        if (groups is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Groups", groups);
        }

        return client;
    }

    [Fact]
    public async Task Anonymous_callers_may_not_start_queries()
    {
        using var anonymous = ClientFor(null);

        var graphql = await _api.GraphQLAsync("mutation { startQuery(sql: \"SELECT 1\") { id } }", client: anonymous);
        using var agent = await anonymous.PostAsJsonAsync("/api/agent/start_query", new { sql = "SELECT 1" });

        // A team deployment does not serve anonymous callers at all (TownLake:Auth:AllowAnonymousRead is off).
        Assert.Equal("UNAUTHENTICATED", graphql["error"]?["code"]?.GetValue<string>());
        Assert.Equal(401, (int)agent.StatusCode);
        Assert.Contains("UNAUTHENTICATED", await agent.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_run_is_visible_to_its_user_and_admins_only()
    {
        using var alice = ClientFor("alice");
        using var bob = ClientFor("bob");
        using var admin = ClientFor("root", "admins");
        var run = await QueryApiClient.RunAsync(_api, "SELECT count(*) AS n FROM demo.dim.accounts", alice);
        var id = run["id"]!.GetValue<string>();
        const string Query = "query($id: ID!) { queryRun(id: $id) { id user } }";

        var seenByBob = await _api.DataAsync(Query, new { id }, bob);
        var bobsResults = await _api.GraphQLAsync("query($id: ID!) { results(id: $id) { total } }", new { id }, bob);
        var bobsCancel = await _api.GraphQLAsync("mutation($id: ID!) { cancelQuery(id: $id) { id } }", new { id }, bob);
        var seenByAdmin = await _api.DataAsync(Query, new { id }, admin);
        Assert.True(run["state"]!.GetValue<string>() == "SUCCEEDED", run.ToJsonString());
        Assert.Equal("alice", run["user"]!.GetValue<string>());
        Assert.Equal("alice", run["user"]!.GetValue<string>());
        Assert.Null(seenByBob["queryRun"]);
        Assert.Equal("NOT_FOUND", CatalogApiFactory.ErrorCode(bobsResults));
        Assert.Equal("NOT_FOUND", CatalogApiFactory.ErrorCode(bobsCancel));
        Assert.Equal("alice", seenByAdmin["queryRun"]!["user"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_query_past_the_configured_timeout_fails_with_a_timeout()
    {
        using var alice = ClientFor("alice");

        var run = await QueryApiClient.RunAsync(_api, "SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b", alice);

        Assert.Equal("FAILED", run["state"]!.GetValue<string>());
        Assert.Equal("TIMEOUT", run["error"]!["kind"]!.GetValue<string>());
        Assert.Contains("2 s", run["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Results_stop_at_the_configured_row_cap_and_say_so()
    {
        using var alice = ClientFor("alice");

        var run = await QueryApiClient.RunAsync(_api, "SELECT account_id FROM demo.dim.accounts", alice);
        var (_, rows) = await QueryApiClient.AllRowsAsync(_api, run["id"]!.GetValue<string>(), client: alice);

        Assert.Equal("SUCCEEDED", run["state"]!.GetValue<string>());
        Assert.True(run["truncated"]!.GetValue<bool>());
        Assert.Equal(500, rows.Count);
    }
}
