using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.QueryFront;

/// <summary>Issue 16, usage that means something: a preview of a dataset is audited but is not a use of it.</summary>
public sealed class UsagePurposeTests : IAsyncLifetime
{
    private const string Dataset = "demo.dim.accounts";
    private readonly CatalogApiFactory _api = new(demo: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_preview_is_audited_but_does_not_count_as_usage_and_a_query_does()
    {
        var preview = await RunAsync($"SELECT * FROM {Dataset} LIMIT 20", "PREVIEW");
        Assert.Equal("SUCCEEDED", (string?)preview["state"]);
        Assert.Equal("PREVIEW", (string?)preview["purpose"]);
        var afterPreview = await UsageUntilAsync(u => u["recentQueries"]!.AsArray().Any(q => (string?)q!["id"] == (string?)preview["id"] && (string?)q["state"] == "SUCCEEDED"));

        await RunAsync($"SELECT count(*) FROM {Dataset}", "QUERY");
        var afterQuery = await UsageUntilAsync(u => (int)u["queryCount"]! > 0);

        Assert.Equal(0, (int)afterPreview["queryCount"]!);
        Assert.Equal(0, (int)afterPreview["distinctUsers"]!);
        Assert.Equal(1, (int)afterQuery["queryCount"]!);
        Assert.Equal(2, afterQuery["recentQueries"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_run_without_a_purpose_is_a_query()
    {
        var run = (await _api.DataAsync("mutation { startQuery(sql: \"SELECT 1 AS one\") { purpose } }"))["startQuery"]!;

        Assert.Equal("QUERY", (string?)run["purpose"]);
    }

    [Theory]
    [InlineData("BOGUS")]
    [InlineData("\"PREVIEW\"")]
    [InlineData("null")]
    public async Task An_unknown_purpose_is_refused_before_anything_runs(string literal)
    {
        var result = await _api.GraphQLAsync($$"""mutation { startQuery(sql: "SELECT 1", purpose: {{literal}}) { id } }""");

        Assert.NotNull(CatalogApiFactory.ErrorCode(result));
        Assert.Null(result["data"]?["startQuery"]);
    }

    private async Task<JsonNode> RunAsync(string sql, string purpose)
    {
        var id = (string)(await _api.DataAsync($"mutation($sql: String!) {{ startQuery(sql: $sql, purpose: {purpose}) {{ id }} }}", new { sql }))["startQuery"]!["id"]!;
        await QueryApiClient.WaitAsync(_api, id);
        return (await _api.DataAsync("query($id: ID!) { queryRun(id: $id) { id state purpose } }", new { id }))["queryRun"]!;
    }

    /// <summary>The audit row is written just after a run's results are ready: reads usage until it shows (bounded).</summary>
    private async Task<JsonNode> UsageUntilAsync(Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var usage = (await _api.DataAsync($"{{ dataset(name: \"{Dataset}\") {{ usage {{ queryCount distinctUsers recentQueries(first: 10) {{ id state }} }} }} }}"))["dataset"]!["usage"]!;
            if (done(usage) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(usage), "usage never showed the expected runs: " + usage.ToJsonString());
                return usage;
            }

            await Task.Delay(50);
        }
    }
}
