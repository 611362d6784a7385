namespace TownLake.Catalog.Tests.GraphQL;

/// <summary>One service with the demo warehouse, shared by read-only tests (building the warehouse takes a second or two).</summary>
public sealed class DemoCatalogFixture : IAsyncLifetime
{
    public CatalogApiFactory Api { get; } = new(demo: true);

    public Task InitializeAsync()
    {
        Api.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
