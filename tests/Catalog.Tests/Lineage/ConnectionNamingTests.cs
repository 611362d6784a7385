using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Lineage.OpenLineage;

namespace TownLake.Catalog.Tests.Lineage;

/// <summary>A table a connector ingests and the same table named by OpenLineage are one dataset under the connection's name.</summary>
public sealed class ConnectionNamingTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new(settings: new Dictionary<string, string?>
    {
        ["TownLake:Connections:warehouse:Type"] = "postgres",
        ["TownLake:Connections:warehouse:ConnectionString"] = "Host=pg.internal;Port=6543;Database=sales;Username=reader",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Openlineage_name_on_a_configured_postgres_connection_maps_to_the_connection()
    {
        await LineageTestData.UpsertDatasetAsync(_api, "warehouse.public.orders", ["id", "amount"]);
        var naming = _api.Services.GetRequiredService<OpenLineageNaming>();
        Assert.Equal("warehouse.public.orders", naming.ToDatasetName("postgres://pg.internal:6543", "sales.public.orders").ToString());
        // Another database on the same server is not the connection's: it keeps the server in its catalog name.
        Assert.Equal("postgres://pg.internal:6543/other", naming.ToDatasetName("postgres://pg.internal:6543", "other.public.orders").Catalog);

        using var client = _api.CreateClient();
        var (status, _) = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", """
            { "eventType": "COMPLETE", "run": { "runId": "8d5e3f0a-1111-4a4a-9b9b-000000000001" }, "job": { "namespace": "etl", "name": "daily" },
              "inputs": [ { "namespace": "postgres://pg.internal:6543", "name": "sales.public.orders" } ],
              "outputs": [ { "namespace": "postgres://pg.internal:6543", "name": "sales.public.daily" } ] }
            """);
        Assert.Equal(201, status);
        var data = await _api.DataAsync("""{ datasets(filter: { catalog: "warehouse" }) { totalCount } orders: dataset(name: "warehouse.public.orders") { downstreamCount } }""");
        Assert.Equal(2, (int)data["datasets"]!["totalCount"]!);
        Assert.Equal(1, (int)data["orders"]!["downstreamCount"]!);
    }
}
