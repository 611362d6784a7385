using Microsoft.Extensions.DependencyInjection;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.Tests.QueryFront;

/// <summary>The query front parses a submitted statement once: its analysis feeds the audit, the engine choice and the engine.</summary>
public sealed class QueryParseTests : IAsyncLifetime
{
    // The scanner is off: its background samples go through the same analyzer and would be counted with the query's parse.
    private readonly CatalogApiFactory _api = new(demo: true, settings: new Dictionary<string, string?> { ["TownLake:Auth:Mode"] = "header", ["TownLake:Governance:Scanner:Enabled"] = "false" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_query_through_the_front_is_parsed_exactly_once_end_to_end()
    {
        using var alice = _api.CreateClient();
        alice.DefaultRequestHeaders.Add("X-Forwarded-User", "alice");
        var analyzer = _api.Services.GetRequiredService<SqlLineageAnalyzer>();
        await QueryApiClient.RunAsync(_api, "SELECT 1", alice); // the host is up and every start-up analysis is done
        var before = analyzer.ParseCount;

        var run = await QueryApiClient.RunAsync(_api, "WITH a AS (SELECT * FROM demo.dim.accounts) SELECT count(*) AS n FROM a", alice);

        Assert.Equal("SUCCEEDED", run["state"]!.GetValue<string>());
        Assert.Equal(["demo.dim.accounts"], run["datasets"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(1, analyzer.ParseCount - before);
    }
}
