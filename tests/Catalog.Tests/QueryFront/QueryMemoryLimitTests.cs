namespace TownLake.Catalog.Tests.QueryFront;

/// <summary>
/// A query that would grow the service is held to <c>TownLake:Query:DuckDbMemoryLimit</c> (issue 11, finding 3): it
/// fails cleanly, with a message the user can act on, and the service goes on answering.
/// </summary>
public sealed class QueryMemoryLimitTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new(demo: true, settings: new Dictionary<string, string?>
    {
        ["TownLake:Query:DuckDbMemoryLimit"] = "16MB",
        ["TownLake:Query:DuckDbThreads"] = "1",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_query_needing_more_memory_than_its_limit_fails_cleanly_and_the_next_query_runs()
    {
        // One 20 MB string: an aggregate state DuckDB cannot spill, so under 16 MB it must fail (under the 256 MB default it succeeds).
        var greedy = await QueryApiClient.RunAsync(_api, "SELECT length(string_agg(repeat('x', 1000), ',')) AS n FROM range(20000)");
        var next = await QueryApiClient.RunAsync(_api, "SELECT 42 AS answer");

        Assert.Equal("FAILED", greedy["state"]!.GetValue<string>());
        var message = greedy["error"]!["message"]!.GetValue<string>();
        Assert.Contains("Out of Memory", message, StringComparison.Ordinal);
        Assert.Contains("per-query memory limit", message, StringComparison.Ordinal);
        // DuckDB's own advice is SET commands, which a query here may not run.
        Assert.DoesNotContain("SET memory_limit", message, StringComparison.Ordinal);
        Assert.Equal("SUCCEEDED", next["state"]!.GetValue<string>());
    }
}
