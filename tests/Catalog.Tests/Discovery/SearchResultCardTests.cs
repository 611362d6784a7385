namespace TownLake.Catalog.Tests.Discovery;

/// <summary>Issue 16: a search result card shows its dataset's owners and usage, and facet counts add up to the total.</summary>
public sealed class SearchResultCardTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new(demo: true);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Result_cards_carry_owners_and_usage_and_the_type_facet_adds_up_to_the_total()
    {
        var search = (await _api.DataAsync("""
            { search(query: "customers", first: 20) {
                total facets { field values { value count } }
                results { entity { urn ... on Dataset { owners { name kind } usage { queryCount distinctUsers } } } } } }
            """))["search"]!;

        var customers = search["results"]!.AsArray().Select(r => r!["entity"]!).First(e => (string?)e["urn"] == "urn:tl:dataset:demo.dim.customers");
        Assert.Contains(customers["owners"]!.AsArray(), o => (string?)o!["name"] == "alice");
        Assert.Equal(0, (int)customers["usage"]!["queryCount"]!);
        var types = search["facets"]!.AsArray().Single(f => (string?)f!["field"] == "type")!;
        Assert.Equal((int)search["total"]!, types["values"]!.AsArray().Sum(v => (int)v!["count"]!));
    }
}
