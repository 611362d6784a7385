using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Hosting.Security;

/// <summary>
/// On a real PostgreSQL server: a query connection into the catalog's own database would let any signed-in user read
/// the query audit; the service refuses to start with one, and starts with a separate database on the same server.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OwnDatabaseStartupTests(PostgresFixture postgres)
{
    private static CatalogApiFactory Service(string store, string shop) => new(settings: new Dictionary<string, string?>
    {
        ["TownLake:Store"] = "postgres",
        ["TownLake:PostgresConnectionString"] = store,
        ["TownLake:Connections:shop:Type"] = "postgres",
        ["TownLake:Connections:shop:ConnectionString"] = shop,
    });

    [SkippableFact]
    public async Task A_shop_connection_into_the_catalogs_database_stops_the_service()
    {
        var catalog = await postgres.RequireServer().CreateDatabaseAsync("owndb");
        await using var api = Service(catalog, catalog);

        Assert.ThrowsAny<Exception>(() => api.CreateClient());
    }

    [SkippableFact]
    public async Task A_shop_connection_into_a_separate_database_on_the_same_server_starts()
    {
        var server = postgres.RequireServer();
        var catalog = await server.CreateDatabaseAsync("owndb");
        var shop = await server.CreateDatabaseAsync("shop");
        await using var api = Service(catalog, shop);

        var me = await api.DataAsync("{ me { user { name } } }");

        Assert.Equal("admin", me["me"]!["user"]!["name"]!.GetValue<string>());
    }
}
