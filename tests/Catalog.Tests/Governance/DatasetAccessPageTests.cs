using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Users;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Governance;

/// <summary>
/// <c>Dataset.access</c> and the governed column lists on a page of datasets: decided through one DataLoader, so a
/// page of 50 costs the store round trips a page of 10 does; and pending or denied column names reach reviewers only.
/// </summary>
public sealed class DatasetAccessPageTests : IAsyncLifetime
{
    private const int DatasetCount = 60;

    private const string PageQuery = """
        query($first: Int!) {
          datasets(first: $first) { nodes { name access { state canQuery pendingColumns } columns { name } column(name: "draft") { name } } }
        }
        """;

    private static readonly Caller Rita = new("rita", [], true, false);
    private readonly CallRecorder _recorder = new();
    private CatalogApiFactory? _api;
    private WebApplicationFactory<Program>? _app;

    private static string NameOf(int i) => $"demo.page.t{i:D2}";

    private static string DatasetUrn(int i) => Urn.Dataset(DatasetName.Parse(NameOf(i)));

    public async Task InitializeAsync()
    {
        _api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Auth:Mode"] = "header",
            ["TownLake:Governance:Reviewers"] = "rita",
            ["TownLake:Governance:Scanner:Enabled"] = "false",
        });
        _app = _api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => CountingProxy.WrapInterfacesOf(services, typeof(RelationalCatalogStore), _recorder)));
        _app.Server.PreserveExecutionContext = true;
        var store = _app.Services.GetRequiredService<RelationalCatalogStore>();
        await store.SaveManyAsync(Enumerable.Range(0, DatasetCount).Select(i => new EntityChange<Dataset>(DatasetUrn(i), _ =>
            Dataset.Create(DatasetName.Parse(NameOf(i)), default) with
            {
                Platform = "duckdb",
                Columns = [Field("id", 0), Field("amount", 1), Field("draft", 2)],
            })).ToList(), "tester", default);
        var governance = _app.Services.GetRequiredService<GovernanceService>();
        for (var i = 0; i < DatasetCount; i += 2)
        {
            await governance.ReviewDatasetAsync(Rita, DatasetUrn(i), ReviewState.Approved, null, alsoPendingColumns: true, default);
            await governance.ReviewColumnAsync(Rita, DatasetUrn(i), "draft", ReviewState.Pending, "new", default);
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    private static SchemaField Field(string name, int ordinal) => new() { Name = name, NativeType = "VARCHAR", Ordinal = ordinal };

    private async Task<(JsonArray Nodes, CallLog Calls)> PageAsync(string user, int first)
    {
        using var client = _app!.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-User", user);
        using var log = _recorder.Begin();
        using var response = await client.PostAsJsonAsync("/graphql", new { query = PageQuery, variables = new { first } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body["errors"]?.ToJsonString());
        return (body["data"]!["datasets"]!["nodes"]!.AsArray(), log);
    }

    [Fact]
    public async Task A_page_of_50_datasets_asking_for_access_and_columns_costs_the_round_trips_of_a_page_of_10()
    {
        await PageAsync("alice", 1);

        var (small, smallCalls) = await PageAsync("alice", 10);
        var (large, largeCalls) = await PageAsync("alice", 50);

        Assert.Equal(10, small.Count);
        Assert.Equal(50, large.Count);
        Assert.True(smallCalls.Count == largeCalls.Count, $"10 datasets: {smallCalls.Summary()}; 50 datasets: {largeCalls.Summary()}");
        // The browse, then the policies and the grants of the whole page.
        Assert.True(largeCalls.Count <= 4, largeCalls.Summary());
    }

    [Fact]
    public async Task Pending_column_names_reach_reviewers_but_not_other_callers()
    {
        var (forAlice, _) = await PageAsync("alice", 4);
        var (forRita, _) = await PageAsync("rita", 4);

        var approvedForAlice = forAlice.Single(n => n!["name"]!.GetValue<string>() == NameOf(0))!;
        var pendingForAlice = forAlice.Single(n => n!["name"]!.GetValue<string>() == NameOf(1))!;
        var approvedForRita = forRita.Single(n => n!["name"]!.GetValue<string>() == NameOf(0))!;
        Assert.Equal(["id", "amount"], approvedForAlice["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Null(approvedForAlice["column"]);
        Assert.Empty(pendingForAlice["columns"]!.AsArray());
        Assert.Empty(approvedForAlice["access"]!["pendingColumns"]!.AsArray());
        Assert.Equal(["id", "amount", "draft"], approvedForRita["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("draft", approvedForRita["column"]!["name"]!.GetValue<string>());
        Assert.Equal(["draft"], approvedForRita["access"]!["pendingColumns"]!.AsArray().Select(c => c!.GetValue<string>()));
    }
}
