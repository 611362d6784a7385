namespace TownLake.Catalog.Tests.Hosting.Security;

/// <summary>
/// A team deployment that publishes its metadata (TownLake:Auth:AllowAnonymousRead) still keeps the server's paths to
/// itself: an anonymous reader does not see a files dataset's absolute location, neither on the dataset nor in history.
/// </summary>
public sealed class AnonymousReadTests
{
    private const string Read = """{ dataset(name: "lake.raw.events") { customProperties { key value } history { aspect after } } }""";

    [Fact]
    public async Task An_anonymous_reader_does_not_see_where_the_lake_lives()
    {
        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Auth:Mode"] = "header",
            ["TownLake:Auth:AllowAnonymousRead"] = "true",
        });
        using var admin = api.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Forwarded-User", "root");
        admin.DefaultRequestHeaders.Add("X-Forwarded-Groups", "admins");
        using var anonymous = api.CreateClient();
        await api.DataAsync("""mutation { upsertDataset(input: { name: "lake.raw.events", platform: "parquet", customProperties: [{ key: "location", value: "/srv/secret-lake/events.parquet" }, { key: "format", value: "parquet" }] }) { urn } }""", client: admin);

        var seenByAdmin = (await api.DataAsync(Read, client: admin)).ToJsonString();
        var seenByAnonymous = (await api.DataAsync(Read, client: anonymous)).ToJsonString();

        Assert.Contains("/srv/secret-lake", seenByAdmin);
        Assert.DoesNotContain("/srv/secret-lake", seenByAnonymous);
        Assert.Contains("format", seenByAnonymous);
    }
}
