using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TownLake.Catalog.QueryFront;

namespace TownLake.Catalog.Tests.QueryFront;

/// <summary>
/// Attacks on the query front through the real service (issue 11, findings 3, 5, 8 and 11): memory-heavy results,
/// one user starving the others, functions that read past the analysis and the audit, server internals.
/// </summary>
public sealed class QueryFrontAbuseTests : IAsyncLifetime
{
    private const string Slow = "SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b";

    private readonly CatalogApiFactory _api = new(demo: true, settings: new Dictionary<string, string?>
    {
        ["TownLake:Auth:Mode"] = "header",
        ["TownLake:Query:MaxResultBytes"] = (4L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["TownLake:Query:MaxConcurrentQueries"] = "2",
        ["TownLake:Query:MaxConcurrentQueriesPerUser"] = "1",
        ["TownLake:Query:MaxQueuedQueriesPerUser"] = "2",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_result_of_wide_values_is_cut_at_the_memory_budget_and_says_so()
    {
        using var mallory = ClientFor("mallory");

        var run = await QueryApiClient.RunAsync(_api, "SELECT repeat('x', 10000) AS blob FROM range(20000)", mallory);
        var id = run["id"]!.GetValue<string>();
        var graphql = (await _api.DataAsync("query($id: ID!) { queryRun(id: $id) { truncated truncationReason rowCount } }", new { id }, mallory))["queryRun"]!;
        using var fetch = await mallory.PostAsJsonAsync("/api/agent/fetch_results", new { id, budget = 300 });
        var agent = JsonNode.Parse(await fetch.Content.ReadAsStringAsync())!;

        Assert.Equal("SUCCEEDED", run["state"]!.GetValue<string>());
        Assert.True(graphql["truncated"]!.GetValue<bool>());
        Assert.Contains("MaxResultBytes", graphql["truncationReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(graphql["rowCount"]!.GetValue<long>(), 100, 250);
        Assert.True(agent["truncated"]!.GetValue<bool>());
        Assert.Contains("MaxResultBytes", agent["resultCut"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_over_the_queue_quota_gets_429_and_another_users_select_1_still_runs_promptly()
    {
        using var mallory = ClientFor("mallory");
        using var alice = ClientFor("alice");
        var slow = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            slow.Add((await QueryApiClient.StartAsync(_api, Slow, mallory))["id"]!.GetValue<string>());
        }

        var graphql = await _api.GraphQLAsync("mutation { startQuery(sql: \"SELECT 1\") { id } }", client: mallory);
        using var agent = await mallory.PostAsJsonAsync("/api/agent/start_query", new { sql = "SELECT 1" });
        var select = await QueryApiClient.RunAsync(_api, "SELECT 1 AS one", alice);
        // Proved by order, not by a wall clock that a loaded machine can stretch: mallory's queries had not ended yet.
        var slowStates = new List<string>();
        foreach (var id in slow)
        {
            slowStates.Add((await _api.DataAsync("query($id: ID!) { queryRun(id: $id) { state } }", new { id }, mallory))["queryRun"]!["state"]!.GetValue<string>());
        }

        foreach (var id in slow)
        {
            await _api.DataAsync("mutation($id: ID!) { cancelQuery(id: $id) { state } }", new { id }, mallory);
        }

        Assert.Equal(FrontCode, CatalogApiFactory.ErrorCode(graphql));
        Assert.Contains("queued or running", graphql["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, agent.StatusCode);
        Assert.Contains(FrontCode, await agent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("SUCCEEDED", select["state"]!.GetValue<string>());
        Assert.All(slowStates, state => Assert.Contains(state, new[] { "QUEUED", "RUNNING" }));
    }

    [Theory]
    [InlineData("SELECT * FROM demo.dim.accounts, query('SELECT * FROM demo.raw.customers_crm') LIMIT 1", "query")]
    [InlineData("SELECT * FROM query_table('demo.raw.customers_crm')", "query_table")]
    [InlineData("SELECT * FROM duckdb_databases()", "duckdb_databases")]
    [InlineData("SELECT * FROM duckdb_settings()", "duckdb_settings")]
    [InlineData("SELECT * FROM glob('**')", "glob")]
    public async Task Table_functions_that_read_past_the_analysis_are_refused_and_the_refusal_is_audited(string sql, string function)
    {
        using var mallory = ClientFor("mallory");

        var run = await QueryApiClient.RunAsync(_api, sql, mallory);

        Assert.Equal("FAILED", run["state"]!.GetValue<string>());
        Assert.Equal("FUNCTION_NOT_ALLOWED", run["error"]!["kind"]!.GetValue<string>());
        Assert.Contains($"'{function}'", run["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, run["rowCount"]?.GetValue<long>() ?? 0);
        using var admin = ClientFor("root", "admins");
        var audited = (await _api.DataAsync("query($id: ID!) { queryRun(id: $id) { state sql } }", new { id = run["id"]!.GetValue<string>() }, admin))["queryRun"]!;
        Assert.Equal(sql, audited["sql"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_demo_table_that_is_not_catalogued_cannot_be_queried_even_though_the_file_has_it()
    {
        using var mallory = ClientFor("mallory");

        // DuckDB's own catalog views live in the attached file but are no dataset of the catalog.
        var run = await QueryApiClient.RunAsync(_api, "SELECT * FROM demo.information_schema.tables", mallory);

        Assert.Equal("FAILED", run["state"]!.GetValue<string>());
        Assert.Equal("UNKNOWN_DATASET", run["error"]!["kind"]!.GetValue<string>());
        Assert.Contains("demo.information_schema.tables", run["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private const string FrontCode = Catalog.QueryFront.QueryFrontService.QuotaExceededCode;

    private HttpClient ClientFor(string user, string? groups = null)
    {
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-User", user);
        if (groups is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Groups", groups);
        }

        return client;
    }
}
