namespace TownLake.Catalog.Tests.QueryFront;

/// <summary>One service with the demo warehouse for the query tests (its queries are audited, so usage tests count their own).</summary>
public sealed class DemoQueryFixture : IAsyncLifetime
{
    public CatalogApiFactory Api { get; } = new(demo: true);

    public string DemoDatabase => Path.Combine(Api.DataDirectory, "demo", "demo.duckdb");

    public Task InitializeAsync()
    {
        Api.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
