using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.QueryFront;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Users;
using TownLake.Engine.Execution;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.GraphQL;

/// <summary>
/// The DataLoaders keep a page's store round trips constant: the service runs with its store wrapped in a counting
/// proxy, and a page of datasets asking for every batched relation costs the same number of store calls at 10 and at
/// 50 datasets, with the answers the single-parent store reads give. Run on SQLite and PostgreSQL (classes at the end).
/// </summary>
public abstract class DataLoaderRoundTripContract : IAsyncLifetime
{
    private const int DatasetCount = 60;

    private const string PageQuery = """
        query($first: Int!) {
          datasets(first: $first) {
            nodes {
              name
              usage { queryCount distinctUsers topUsers { user count } commonlyJoinedWith { dataset count } recentQueries(first: 3) { id datasets } }
              upstreamCount
              downstreamCount
              owners { name }
              glossaryTerms { name children { name } }
              domain { name datasets(first: 4) { name } }
              history(first: 3) { aspect actor summary }
            }
          }
        }
        """;

    private readonly CallRecorder _recorder = new();
    private CatalogApiFactory? _api;
    private WebApplicationFactory<Program>? _app;
    private HttpClient? _client;

    /// <summary>Store settings for the service (empty for the default SQLite).</summary>
    protected abstract Task<IDictionary<string, string?>> StoreSettingsAsync();

    private RelationalCatalogStore Store => _app!.Services.GetRequiredService<RelationalCatalogStore>();

    private static string NameOf(int i) => $"demo.page.t{i:D2}";

    private static string DatasetUrn(int i) => Urn.Dataset(DatasetName.Parse(NameOf(i)));

    public async Task InitializeAsync()
    {
        _api = new CatalogApiFactory(settings: await StoreSettingsAsync());
        _app = _api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            CountingProxy.WrapInterfacesOf(services, typeof(RelationalCatalogStore), _recorder);
        }));
        // Requests run in the test's async flow, so a call log opened around one sees only its store calls (clients
        // copy the setting when created).
        _app.Server.PreserveExecutionContext = true;
        _client = _app.CreateClient();
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    private async Task SeedAsync()
    {
        var none = CancellationToken.None;
        var store = Store;
        await store.SaveManyAsync<GlossaryTerm>(
        [
            new(Urn.GlossaryTerm("Finance"), _ => new GlossaryTerm { Urn = Urn.GlossaryTerm("Finance"), Name = "Finance", IsGroup = true }),
            new(Urn.GlossaryTerm("Revenue"), _ => new GlossaryTerm { Urn = Urn.GlossaryTerm("Revenue"), Name = "Revenue", Parent = "Finance" }),
            new(Urn.GlossaryTerm("ARR"), _ => new GlossaryTerm { Urn = Urn.GlossaryTerm("ARR"), Name = "ARR", Parent = "Revenue" }),
            new(Urn.GlossaryTerm("Account"), _ => new GlossaryTerm { Urn = Urn.GlossaryTerm("Account"), Name = "Account", Parent = "Finance" }),
        ], "tester", none);
        await store.SaveManyAsync(Enumerable.Range(0, DatasetCount).Select(i => new EntityChange<Dataset>(DatasetUrn(i), _ =>
            Dataset.Create(DatasetName.Parse(NameOf(i)), default) with
            {
                Platform = "duckdb",
                Owners = [new Ownership(i % 2 == 0 ? "alice" : "bob", OwnerKind.User, OwnershipType.TechnicalOwner), new Ownership("analysts", OwnerKind.Group, OwnershipType.DataSteward)],
                GlossaryTerms = i % 3 == 0 ? ["Revenue", "Account"] : ["Account"],
                Domain = i % 2 == 0 ? "Sales" : "Ops",
            })).ToList(), "tester", none);
        for (var i = 0; i < DatasetCount; i += 4)
        {
            await store.SaveAsync<Dataset>(DatasetUrn(i), d => d! with { EditedDescription = "Edited " + i }, "alice", none);
        }

        var edges = Enumerable.Range(0, DatasetCount - 1).Select(i => Edge(i, i + 1)).Concat(Enumerable.Range(1, 8).Select(i => Edge(0, i * 7))).ToList();
        await store.UpsertLineageAsync(edges, none);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        for (var i = 0; i < DatasetCount * 2; i++)
        {
            await store.SaveQueryAsync(new QueryRecord
            {
                Id = "q" + i,
                User = (i % 3) switch { 0 => "alice", 1 => "bob", _ => "carol" },
                Sql = "SELECT 1",
                State = i % 5 == 4 ? QueryRunState.Failed : QueryRunState.Succeeded,
                SubmittedAt = at.AddMinutes(i),
                Datasets = [NameOf(i % DatasetCount), NameOf((i + 1) % DatasetCount)],
            }, none);
        }
    }

    private static LineageEdge Edge(int up, int down) => new() { UpstreamUrn = DatasetUrn(up), DownstreamUrn = DatasetUrn(down), Origin = "sql" };

    private async Task<(JsonArray Nodes, CallLog Calls)> PageAsync(int first)
    {
        using var log = _recorder.Begin();
        using var response = await _client!.PostAsJsonAsync("/graphql", new { query = PageQuery, variables = new { first } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["errors"] is null, body["errors"]?.ToJsonString());
        return (body["data"]!["datasets"]!["nodes"]!.AsArray(), log);
    }

    [SkippableFact]
    public async Task A_page_costs_the_same_store_round_trips_at_10_and_at_50_datasets()
    {
        await PageAsync(1); // the first read after lineage writes builds the in-memory lineage graph

        var (small, smallCalls) = await PageAsync(10);
        var (large, largeCalls) = await PageAsync(50);

        Assert.Equal(10, small.Count);
        Assert.Equal(50, large.Count);
        Assert.True(smallCalls.Count == largeCalls.Count, $"10 datasets: {smallCalls.Summary()}; 50 datasets: {largeCalls.Summary()}");
        // The browse, usage, recent queries, terms, child terms, domains, domain datasets, history; lineage counts come
        // from the in-memory lineage index, which follows the change log in the background, so they cost no round trip.
        Assert.True(largeCalls.Count <= 10, largeCalls.Summary());
        Assert.Contains(nameof(RelationalCatalogStore.ListDatasetsAsync), largeCalls.Calls);
        Assert.Contains(nameof(RelationalCatalogStore.GetDatasetUsageManyAsync), largeCalls.Calls);
    }

    [SkippableFact]
    public async Task A_batched_page_answers_what_the_single_dataset_store_reads_answer()
    {
        var (nodes, _) = await PageAsync(50);

        var expected = new JsonArray();
        foreach (var i in Enumerable.Range(0, 50))
        {
            expected.Add(await UnbatchedAsync(i));
        }

        Assert.Equal(expected.ToJsonString(), nodes.ToJsonString());
    }

    [SkippableFact]
    public async Task The_groups_of_a_group_s_members_cost_one_store_round_trip_whatever_the_member_count()
    {
        var none = CancellationToken.None;
        await Store.SaveAsync<Group>(Urn.Group("small"), _ => Group.Create("small", default) with { Members = ["u1", "u2"] }, "tester", none);
        await Store.SaveAsync<Group>(Urn.Group("large"), _ => Group.Create("large", default) with { Members = [.. Enumerable.Range(1, 30).Select(i => "u" + i)] }, "tester", none);
        await Store.SaveAsync<Group>(Urn.Group("odd"), _ => Group.Create("odd", default) with { Members = [.. Enumerable.Range(1, 30).Where(i => i % 2 == 1).Select(i => "u" + i)] }, "tester", none);

        async Task<(JsonNode Members, CallLog Calls)> MembersAsync(string group)
        {
            using var log = _recorder.Begin();
            using var response = await _client!.PostAsJsonAsync("/graphql", new { query = "query($g: String!) { group(name: $g) { members { name groups { name } } } }", variables = new { g = group } });
            return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["group"]!["members"]!, log);
        }

        var (small, smallCalls) = await MembersAsync("small");
        var (large, largeCalls) = await MembersAsync("large");

        Assert.Equal(smallCalls.Count, largeCalls.Count);
        Assert.Single(largeCalls.Calls, nameof(RelationalCatalogStore.ListLinkingManyAsync));
        Assert.Equal("""[{"name":"u1","groups":[{"name":"large"},{"name":"odd"},{"name":"small"}]},{"name":"u2","groups":[{"name":"large"},{"name":"small"}]}]""", small.ToJsonString());
        Assert.Equal("""[{"name":"large"}]""", large[29]!["groups"]!.ToJsonString());
    }

    [SkippableFact]
    public async Task A_page_size_out_of_range_on_a_batched_relation_is_a_bad_input_error_not_an_internal_one()
    {
        await Store.SaveAsync<Domains.Domain>(Urn.Domain("Sales"), _ => Domains.Domain.Create("Sales", default), "tester", CancellationToken.None);

        using var response = await _client!.PostAsJsonAsync("/graphql", new { query = "{ domains { name datasets(first: -1) { name } } }" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(body));
        Assert.Contains("'first' must be between 0 and 1000", body["errors"]![0]!["message"]!.GetValue<string>());
    }

    /// <summary>One dataset's node as the page query shapes it, built from the single-dataset store reads.</summary>
    private async Task<JsonObject> UnbatchedAsync(int i)
    {
        var none = CancellationToken.None;
        var urn = DatasetUrn(i);
        var dataset = (await Store.GetAsync<Dataset>(urn, none))!;
        var usage = await Store.GetDatasetUsageAsync(urn, 10, none);
        var recent = await Store.ListDatasetQueriesAsync(urn, null, 3, none);
        var (upstream, downstream) = await _app!.Services.GetRequiredService<LineageService>().CountsAsync(urn, none);
        var terms = await Store.ListAsync<GlossaryTerm>(EntityType.GlossaryTerm, false, none);
        var domainDatasets = await Store.ListDatasetsAsync(new DatasetQuery { Domain = dataset.Domain, First = 4 }, none);
        var history = await Store.GetHistoryAsync(urn, 3, none);
        return new JsonObject
        {
            ["name"] = dataset.Name,
            ["usage"] = new JsonObject
            {
                ["queryCount"] = usage.QueryCount,
                ["distinctUsers"] = usage.DistinctUsers,
                ["topUsers"] = new JsonArray([.. usage.TopUsers.Select(u => new JsonObject { ["user"] = u.User, ["count"] = u.Count })]),
                ["commonlyJoinedWith"] = new JsonArray([.. usage.CommonlyJoinedWith.Select(j => new JsonObject { ["dataset"] = j.Dataset, ["count"] = j.Count })]),
                ["recentQueries"] = new JsonArray([.. recent.Select(q => new JsonObject { ["id"] = q.Id, ["datasets"] = new JsonArray([.. q.Datasets.Select(d => JsonValue.Create(d))]) })]),
            },
            ["upstreamCount"] = upstream,
            ["downstreamCount"] = downstream,
            ["owners"] = new JsonArray([.. dataset.Owners.Select(o => new JsonObject { ["name"] = o.Owner })]),
            ["glossaryTerms"] = new JsonArray([.. dataset.GlossaryTerms.Select(t => new JsonObject
            {
                ["name"] = t,
                ["children"] = new JsonArray([.. terms.Where(c => c.Parent == t).Select(c => new JsonObject { ["name"] = c.Name })]),
            })]),
            ["domain"] = new JsonObject
            {
                ["name"] = dataset.Domain,
                ["datasets"] = new JsonArray([.. domainDatasets.Items.Select(d => new JsonObject { ["name"] = d.Name })]),
            },
            ["history"] = new JsonArray([.. history.Select(h => new JsonObject { ["aspect"] = h.Aspect, ["actor"] = h.Actor, ["summary"] = h.Summary })]),
        };
    }
}

/// <summary>The round-trip contract on the default embedded SQLite store.</summary>
public sealed class SqliteDataLoaderRoundTripTests : DataLoaderRoundTripContract
{
    protected override Task<IDictionary<string, string?>> StoreSettingsAsync() => Task.FromResult<IDictionary<string, string?>>(new Dictionary<string, string?>());
}

/// <summary>The round-trip contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDataLoaderRoundTripTests(PostgresFixture fixture) : DataLoaderRoundTripContract
{
    protected override async Task<IDictionary<string, string?>> StoreSettingsAsync() => new Dictionary<string, string?>
    {
        ["TownLake:Store"] = "postgres",
        ["TownLake:PostgresConnectionString"] = await fixture.RequireServer().CreateDatabaseAsync("loaders"),
    };
}
