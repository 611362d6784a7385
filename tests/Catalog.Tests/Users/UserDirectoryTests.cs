using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Users;

/// <summary>Users and groups through GraphQL: they appear when they own something, read by name or URN, and the caller reads itself with <c>me</c>.</summary>
public sealed class UserDirectoryTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task OwnAsync(string owners)
    {
        await _api.DataAsync("""mutation { upsertDataset(input: { name: "shop.sales.orders", columns: [{ name: "order_id" }] }) { urn } }""");
        await _api.DataAsync($$"""mutation { addOwners(urn: "urn:tl:dataset:shop.sales.orders", owners: {{owners}}) { urn } }""");
    }

    [Fact]
    public async Task A_user_who_owns_a_dataset_is_in_the_directory_by_name_and_urn()
    {
        await OwnAsync("""[{ name: "alice" }]""");

        var data = await _api.DataAsync("""
            { byName: user(name: "alice") { urn name type groups { name } }
              byUrn: user(urn: "urn:tl:user:alice") { name }
              owners: dataset(name: "shop.sales.orders") { owners { name } } }
            """);

        Assert.Equal("urn:tl:user:alice", data["byName"]!["urn"]!.GetValue<string>());
        Assert.Equal("USER", data["byName"]!["type"]!.GetValue<string>());
        Assert.Empty(data["byName"]!["groups"]!.AsArray());
        Assert.Equal("alice", data["byUrn"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_group_that_owns_a_dataset_is_in_the_directory()
    {
        await OwnAsync("""[{ name: "data-eng", kind: GROUP }]""");

        var data = await _api.DataAsync("""{ group(name: "data-eng") { urn name type members { name } } user(name: "data-eng") { name } }""");

        Assert.Equal("urn:tl:group:data-eng", data["group"]!["urn"]!.GetValue<string>());
        Assert.Equal("GROUP", data["group"]!["type"]!.GetValue<string>());
        Assert.Empty(data["group"]!["members"]!.AsArray());
        Assert.Null(data["user"]);
    }

    [Fact]
    public async Task Unknown_users_and_groups_read_as_null()
    {
        var data = await _api.DataAsync("""{ user(name: "nobody") { name } group(name: "nothing") { name } }""");

        Assert.Null(data["user"]);
        Assert.Null(data["group"]);
    }

    [Theory]
    [InlineData("""{ user { name } }""")]
    [InlineData("""{ user(name: "a", urn: "urn:tl:user:a") { name } }""")]
    [InlineData("""{ user(urn: "urn:tl:group:a") { name } }""")]
    [InlineData("""{ group(urn: "urn:tl:user:a") { name } }""")]
    [InlineData("""{ group(urn: "not-a-urn") { name } }""")]
    public async Task A_lookup_needs_exactly_one_name_or_urn_of_the_right_kind(string operation)
    {
        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(await _api.GraphQLAsync(operation)));
    }

    [Fact]
    public async Task Me_is_the_local_administrator_when_no_authentication_is_configured()
    {
        var me = (await _api.DataAsync("{ me { user { name } isAuthenticated isAdmin canEdit } }"))["me"]!;

        Assert.Equal("admin", me["user"]!["name"]!.GetValue<string>());
        Assert.True(me["isAuthenticated"]!.GetValue<bool>());
        Assert.True(me["isAdmin"]!.GetValue<bool>());
        Assert.True(me["canEdit"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Behind_a_proxy_me_is_the_forwarded_user_with_their_groups_and_an_anonymous_caller_may_not_edit()
    {
        // Anonymous reads are opt-in in team modes; this deployment allows them so the anonymous caller can ask who it is.
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?> { ["TownLake:Auth:Mode"] = "header", ["TownLake:Auth:AllowAnonymousRead"] = "true" });
        using var erin = api.CreateClient();
        erin.DefaultRequestHeaders.Add("X-Forwarded-User", "erin");
        erin.DefaultRequestHeaders.Add("X-Forwarded-Groups", "analysts, finance");
        using var anonymous = api.CreateClient();
        const string me = "{ me { user { name } groups { name } isAuthenticated isAdmin canEdit } }";

        var asErin = (await api.DataAsync(me, client: erin))["me"]!;
        var asNobody = (await api.DataAsync(me, client: anonymous))["me"]!;

        Assert.Equal("erin", asErin["user"]!["name"]!.GetValue<string>());
        Assert.Equal(["analysts", "finance"], asErin["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.True(asErin["isAuthenticated"]!.GetValue<bool>());
        Assert.False(asErin["isAdmin"]!.GetValue<bool>());
        Assert.False(asNobody["isAuthenticated"]!.GetValue<bool>());
        Assert.False(asNobody["canEdit"]!.GetValue<bool>());
    }
}
