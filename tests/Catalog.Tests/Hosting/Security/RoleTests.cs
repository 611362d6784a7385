using System.Text.Json.Nodes;
using TownLake.Catalog.Tests.QueryFront;

namespace TownLake.Catalog.Tests.Hosting.Security;

/// <summary>
/// Signing in is not a licence to change the catalog: editing, deleting and ingesting need the admin or steward role,
/// or ownership of the dataset being edited; other people's queries are for admins and stewards. demo.dim.customers
/// is owned by alice and the data-platform group; stella is a steward; mallory is just signed in.
/// </summary>
public sealed class RoleTests(RoleTests.TeamCatalog team) : IClassFixture<RoleTests.TeamCatalog>
{
    private const string Customers = "urn:tl:dataset:demo.dim.customers";

    private readonly CatalogApiFactory _api = team.Api;

    /// <summary>One demo catalog behind a proxy for the whole class (no test undoes another's refusal).</summary>
    public sealed class TeamCatalog : IAsyncLifetime
    {
        public CatalogApiFactory Api { get; } = new(demo: true, settings: new Dictionary<string, string?>
        {
            ["TownLake:Auth:Mode"] = "header",
            ["TownLake:Auth:Stewards"] = "stella, governance",
        });

        public Task InitializeAsync()
        {
            Api.CreateClient().Dispose();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Api.DisposeAsync();
    }

    private HttpClient As(string user, string? groups = null)
    {
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-User", user);
        if (groups is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Groups", groups);
        }

        return client;
    }

    private async Task<JsonNode> CustomersAsync() =>
        (await _api.DataAsync("""{ dataset(name: "demo.dim.customers") { description removed tags { name } } }""", client: As("alice")))["dataset"]!;

    [Fact]
    public async Task A_plain_user_cannot_delete_customers_and_is_told_what_is_needed()
    {
        using var mallory = As("mallory", "analysts");

        var result = await _api.GraphQLAsync($$"""mutation { deleteDataset(urn: "{{Customers}}") { removed } }""", client: mallory);

        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(result));
        var message = result["errors"]![0]!["message"]!.GetValue<string>();
        Assert.Contains("steward", message);
        Assert.Contains("owner", message);
        Assert.False((await CustomersAsync())["removed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_plain_user_cannot_remove_the_pii_tag()
    {
        using var mallory = As("mallory");

        var result = await _api.GraphQLAsync($$"""mutation { removeTags(urn: "{{Customers}}", tags: ["pii"]) { urn } }""", client: mallory);

        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(result));
        Assert.Contains((await CustomersAsync())["tags"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "pii");
    }

    [Fact]
    public async Task A_plain_user_cannot_create_tags_or_owners_through_a_refused_edit()
    {
        using var mallory = As("mallory");

        var result = await _api.GraphQLAsync($$"""mutation { addOwners(urn: "{{Customers}}", owners: [{ name: "mallory-sock-puppet" }]) { urn } }""", client: mallory);
        var puppet = await _api.DataAsync("""{ user(name: "mallory-sock-puppet") { name } }""", client: As("alice"));

        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(result));
        Assert.Null(puppet["user"]);
    }

    [Theory]
    [InlineData("mutation { ingestConnection(name: \"demo\") { added } }")]
    [InlineData("mutation { createGlossaryTerm(input: { name: \"Mallory's term\" }) { urn } }")]
    [InlineData("mutation { upsertDataset(input: { name: \"demo.dim.mallory\" }) { urn } }")]
    public async Task A_plain_user_cannot_ingest_or_create(string mutation)
    {
        using var mallory = As("mallory");

        var result = await _api.GraphQLAsync(mutation, client: mallory);

        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(result));
    }

    [Fact]
    public async Task An_owner_can_edit_their_dataset_but_not_someone_elses()
    {
        using var alice = As("alice");

        var own = await _api.DataAsync($$"""mutation { updateDescription(urn: "{{Customers}}", description: "Alice's words.") { description } }""", client: alice);
        var other = await _api.GraphQLAsync("""mutation { updateDescription(urn: "urn:tl:dataset:demo.fct.billings_allocated", description: "Alice's words.") { description } }""", client: alice);

        Assert.Equal("Alice's words.", own["updateDescription"]!["description"]!.GetValue<string>());
        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(other));
    }

    [Fact]
    public async Task A_member_of_an_owning_group_can_edit()
    {
        using var platform = As("pat", "data-platform");

        var result = await _api.DataAsync($$"""mutation { addTags(urn: "{{Customers}}", tags: ["reviewed"]) { tags { name } } }""", client: platform);

        Assert.Contains(result["addTags"]!["tags"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "reviewed");
    }

    [Theory]
    [InlineData("stella", null)]
    [InlineData("gus", "governance")]
    public async Task A_steward_can_edit_any_dataset(string user, string? groups)
    {
        using var steward = As(user, groups);

        var result = await _api.DataAsync("""mutation { updateDescription(urn: "urn:tl:dataset:demo.fct.billings_allocated", description: "Reviewed.") { description } }""", client: steward);
        var me = await _api.DataAsync("{ me { canEdit } }", client: steward);

        Assert.Equal("Reviewed.", result["updateDescription"]!["description"]!.GetValue<string>());
        Assert.True(me["me"]!["canEdit"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_user_sees_only_their_own_queries_and_a_steward_sees_everyones()
    {
        using var alice = As("alice");
        using var bob = As("bob");
        using var stella = As("stella");
        await QueryApiClient.RunAsync(_api, "SELECT count(*) AS alices_secret FROM demo.dim.customers", alice);
        await QueryApiClient.RunAsync(_api, "SELECT count(*) AS bobs_query FROM demo.dim.customers", bob);
        const string Usage = """{ dataset(name: "demo.dim.customers") { usage { topUsers { user } recentQueries(first: 100) { user sql } } } }""";
        // A run's completion is audited just after its results are ready: wait (generously) until both runs count.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var users = (await _api.DataAsync(Usage, client: stella))["dataset"]!["usage"]!["topUsers"]!.AsArray().Select(u => u!["user"]!.GetValue<string>()).ToList();
            if (users.Contains("alice") && users.Contains("bob"))
            {
                break;
            }

            await Task.Delay(100);
        }

        var seenByBob = (await _api.DataAsync(Usage, client: bob))["dataset"]!["usage"]!;
        var seenByStella = (await _api.DataAsync(Usage, client: stella))["dataset"]!["usage"]!;

        Assert.All(seenByBob["recentQueries"]!.AsArray(), q => Assert.Equal("bob", q!["user"]!.GetValue<string>()));
        Assert.DoesNotContain("alices_secret", seenByBob.ToJsonString());
        Assert.Equal(["bob"], seenByBob["topUsers"]!.AsArray().Select(u => u!["user"]!.GetValue<string>()));
        Assert.Contains(seenByStella["recentQueries"]!.AsArray(), q => q!["user"]!.GetValue<string>() == "alice");
        Assert.Contains(seenByStella["topUsers"]!.AsArray(), u => u!["user"]!.GetValue<string>() == "alice");
    }

    [Fact]
    public async Task Anonymous_callers_of_a_team_deployment_read_nothing()
    {
        using var anonymous = _api.CreateClient();

        using var graphql = await anonymous.PostAsync("/graphql", System.Net.Http.Json.JsonContent.Create(new { query = "{ datasets(first: 5) { totalCount } }" }));
        using var agent = await anonymous.PostAsync("/api/agent/search_datasets", System.Net.Http.Json.JsonContent.Create(new { query = "customers" }));
        using var lineage = await anonymous.GetAsync("/api/v1/lineage?nodeId=dataset:demo:dim.customers");
        using var health = await anonymous.GetAsync("/healthz");

        Assert.Equal(401, (int)graphql.StatusCode);
        Assert.Equal(401, (int)agent.StatusCode);
        Assert.Equal(401, (int)lineage.StatusCode);
        Assert.Equal(200, (int)health.StatusCode);
    }
}
