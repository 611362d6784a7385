using System.Text.Json.Nodes;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Tests.Profiles;

/// <summary>
/// Issue 16: profiles of the demo warehouse through GraphQL, as people with different rights see them: the values of
/// columns governance classifies as personal data are redacted for everyone without a READ_PII grant, columns pending
/// review have no profile for readers, and only stewards and owners may run a profile.
/// </summary>
public sealed class ProfileApiTests(ProfileApiTests.TeamCatalog team) : IClassFixture<ProfileApiTests.TeamCatalog>
{
    private const string Crm = "demo.dim.customers";

    private const string ProfileQuery = """
        query ($name: String!) { dataset(name: $name) {
          profile { rowCount profiledAt sampled sampleSize freshnessColumn freshness }
          email: column(name: "email") { profile { nullFraction distinctCount distinctApproximate min max minLength maxLength topValues { value count } redacted } }
          segment: column(name: "segment") { profile { nullCount distinctCount min max topValues { value count } histogram { lower upper count } redacted } }
          customerId: column(name: "customer_id") { profile { min max mean stddev histogram { lower upper count } } }
        } }
        """;

    /// <summary>The demo behind a proxy, with stella as a steward; the CRM export profiled once for the class.</summary>
    public sealed class TeamCatalog : IAsyncLifetime
    {
        public CatalogApiFactory Api { get; } = new(demo: true, settings: new Dictionary<string, string?>
        {
            ["TownLake:Auth:Mode"] = "header",
            ["TownLake:Auth:Stewards"] = "stella",
        });

        public async Task InitializeAsync()
        {
            await Api.DataAsync($$"""mutation { profileDataset(name: "{{Crm}}") { rowCount } }""", client: As(Api, "stella"));
            await Api.DataAsync($$"""mutation { profileDataset(name: "{{DemoGovernance.PendingTable}}") { rowCount } }""", client: As(Api, "stella"));
            var governance = (GovernanceService)Api.Services.GetService(typeof(GovernanceService))!;
            await governance.GrantAsync(new Caller("root", [], true, true), PrincipalKind.User, "petra", Urn.Dataset(DatasetName.Parse(Crm)), null,
                AccessLevel.ReadPii, DateTimeOffset.UtcNow.AddHours(1), "data quality check", default);
        }

        public async Task DisposeAsync() => await Api.DisposeAsync();
    }

    private static HttpClient As(CatalogApiFactory api, string user, string? groups = null)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-User", user);
        if (groups is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Groups", groups);
        }

        return client;
    }

    private async Task<JsonNode> CrmAsync(string user) =>
        (await team.Api.DataAsync(ProfileQuery, new { name = Crm }, As(team.Api, user)))["dataset"]!;

    [Fact]
    public async Task A_profiled_dataset_has_its_row_count_and_column_statistics()
    {
        // petra's READ_PII grant shows every value, including customer_id, which the scanner classifies as a user identifier.
        var crm = await CrmAsync("petra");

        Assert.Equal(3000, (long)crm["profile"]!["rowCount"]!);
        Assert.False((bool)crm["profile"]!["sampled"]!);
        Assert.Equal(3000, (long)crm["profile"]!["sampleSize"]!);
        var segment = crm["segment"]!["profile"]!;
        Assert.Equal(3, (long)segment["distinctCount"]!);
        Assert.Equal(0, (long)segment["nullCount"]!);
        Assert.Equal(["enterprise", "mid-market", "smb"], segment["topValues"]!.AsArray().Select(v => (string)v!["value"]!).Order());
        Assert.Equal(3000, segment["topValues"]!.AsArray().Sum(v => (long)v!["count"]!));
        Assert.Empty(segment["histogram"]!.AsArray());
        var id = crm["customerId"]!["profile"]!;
        Assert.Equal(("1", "3000"), ((string?)id["min"], (string?)id["max"]));
        Assert.Equal(1500.5, (double)id["mean"]!, 3);
        Assert.Equal(3000, id["histogram"]!.AsArray().Sum(b => (long)b!["count"]!));
    }

    [Fact]
    public async Task Personal_data_values_are_redacted_for_a_reader_but_counts_stay()
    {
        var email = (await CrmAsync("mallory"))["email"]!["profile"]!;

        Assert.True((bool)email["redacted"]!);
        Assert.Null(email["min"]);
        Assert.Null(email["max"]);
        Assert.Empty(email["topValues"]!.AsArray());
        Assert.Equal(3000, (long)email["distinctCount"]!);
        Assert.NotNull(email["maxLength"]);
    }

    [Fact]
    public async Task A_read_pii_grant_shows_personal_data_values_and_unclassified_columns_are_never_redacted()
    {
        var withGrant = await CrmAsync("petra");
        var asSteward = await CrmAsync("stella");
        var asReader = await CrmAsync("mallory");

        Assert.False((bool)withGrant["email"]!["profile"]!["redacted"]!);
        Assert.EndsWith("@example.org", (string)withGrant["email"]!["profile"]!["topValues"]![0]!["value"]!);
        // Editing metadata is not reading personal data: a steward without a grant sees it redacted too.
        Assert.True((bool)asSteward["email"]!["profile"]!["redacted"]!);
        Assert.False((bool)asReader["segment"]!["profile"]!["redacted"]!);
        Assert.NotEmpty(asReader["segment"]!["profile"]!["topValues"]!.AsArray());
    }

    [Fact]
    public async Task Columns_pending_review_have_no_profile_and_no_name_for_readers()
    {
        const string Query = "query ($name: String!) { dataset(name: $name) { columns { name } email: column(name: \"email\") { name profile { distinctCount topValues { value } redacted } } } }";

        var asReader = (await team.Api.DataAsync(Query, new { name = DemoGovernance.PendingTable }, As(team.Api, "mallory")))["dataset"]!;
        var asAdmin = (await team.Api.DataAsync(Query, new { name = DemoGovernance.PendingTable }, As(team.Api, "root", "admins")))["dataset"]!;

        Assert.Empty(asReader["columns"]!.AsArray());
        Assert.Null(asReader["email"]);
        Assert.Equal("email", (string)asAdmin["email"]!["name"]!);
        Assert.True((bool)asAdmin["email"]!["profile"]!["redacted"]!);
        Assert.Empty(asAdmin["email"]!["profile"]!["topValues"]!.AsArray());
    }

    [Fact]
    public async Task A_dataset_never_profiled_has_no_profile()
    {
        var data = await team.Api.DataAsync("""{ dataset(name: "demo.raw.zones_export") { profile { rowCount } column(name: "plan") { profile { nullCount } } } }""", client: As(team.Api, "mallory"));

        Assert.Null(data["dataset"]!["profile"]);
        Assert.Null(data["dataset"]!["column"]!["profile"]);
    }

    [Fact]
    public async Task A_reader_may_not_run_a_profile_and_is_told_who_may()
    {
        var result = await team.Api.GraphQLAsync($$"""mutation { profileDataset(name: "{{Crm}}") { rowCount } }""", client: As(team.Api, "mallory"));

        Assert.Equal("FORBIDDEN", CatalogApiFactory.ErrorCode(result));
        Assert.Contains("steward", (string)result["errors"]![0]!["message"]!);
    }

    [Fact]
    public async Task Anonymous_callers_cannot_run_a_profile()
    {
        var result = await team.Api.GraphQLAsync($$"""mutation { profileDataset(name: "{{Crm}}") { rowCount } }""");

        // Refused by the identity check (no proxy header) or by the edit rule, never run.
        Assert.True(result["errors"] is JsonArray { Count: > 0 } || result["error"] is not null, result.ToJsonString());
        Assert.Null(result["data"]?["profileDataset"]);
    }

    [Theory]
    [InlineData("demo.raw.nope", "NOT_FOUND")]
    [InlineData("not a name", "BAD_USER_INPUT")]
    public async Task Profiling_an_unknown_or_malformed_name_is_a_clear_error(string name, string code)
    {
        var result = await team.Api.GraphQLAsync("mutation ($name: String!) { profileDataset(name: $name) { rowCount } }", new { name }, As(team.Api, "stella"));

        Assert.Equal(code, CatalogApiFactory.ErrorCode(result));
    }

    [Fact]
    public async Task A_huge_name_is_refused_without_touching_any_source()
    {
        var result = await team.Api.GraphQLAsync("mutation ($name: String!) { profileDataset(name: $name) { rowCount } }", new { name = "demo.raw." + new string('x', 200_000) }, As(team.Api, "stella"));

        Assert.NotNull(CatalogApiFactory.ErrorCode(result));
        Assert.Null(result["data"]?["profileDataset"]);
    }
}
