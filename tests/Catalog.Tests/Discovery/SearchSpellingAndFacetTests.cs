using System.Text.Json.Nodes;
using TownLake.Catalog.Tests.GraphQL;

namespace TownLake.Catalog.Tests.Discovery;

/// <summary>Issue 16 search over the demo warehouse through GraphQL: "did you mean" for misspellings, several values of one facet at once.</summary>
public sealed class SearchSpellingAndFacetTests(DemoCatalogFixture fixture) : IClassFixture<DemoCatalogFixture>
{
    private const string Search = """
        query($query: String!, $filters: [SearchFilter!]) { search(query: $query, filters: $filters, first: 50) {
          total didYouMean facetCountsEstimated facets { field values { value count } } results { entity { name } } } }
        """;

    private async Task<JsonNode> SearchAsync(string query, object? filters = null) =>
        (await fixture.Api.DataAsync(Search, new { query, filters }))["search"]!;

    [Fact]
    public async Task A_misspelled_query_offers_a_correction_that_finds_the_table()
    {
        var misspelled = await SearchAsync("acounts by zoen");
        var corrected = await SearchAsync(misspelled["didYouMean"]!.GetValue<string>());

        Assert.Equal("account by zone", misspelled["didYouMean"]!.GetValue<string>());
        Assert.Contains(corrected["results"]!.AsArray().Take(3), r => (string)r!["entity"]!["name"]! is "demo.dim.accounts" or "demo.dim.zones");
        Assert.Null((await SearchAsync("accounts by zone"))["didYouMean"]);
    }

    [Fact]
    public async Task Two_schemas_picked_at_once_return_both_and_their_counts_add_up_to_the_total()
    {
        var all = await SearchAsync("*");
        var schemas = Facet(all, "schema").Take(2).Select(v => (string)v!["value"]!).ToArray();

        var picked = await SearchAsync("*", new[] { new { field = "schema", values = schemas } });

        var counts = Facet(picked, "schema").ToDictionary(v => (string)v!["value"]!, v => (int)v!["count"]!);
        Assert.Equal((int)picked["total"]!, schemas.Sum(s => counts[s]));
        Assert.False((bool)picked["facetCountsEstimated"]!);
        Assert.Equal(Facet(all, "schema").Count, counts.Count);
        Assert.All(picked["results"]!.AsArray(), r => Assert.Contains(schemas, s => ((string)r!["entity"]!["name"]!).StartsWith(s + ".", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Facet_counts_of_a_small_catalog_are_exact_add_up_and_say_so()
    {
        var results = await SearchAsync("table id");

        Assert.False((bool)results["facetCountsEstimated"]!);
        Assert.Equal((int)results["total"]!, Facet(results, "type").Sum(v => (int)v!["count"]!));
    }

    private static List<JsonNode?> Facet(JsonNode results, string field) =>
        results["facets"]!.AsArray().Single(f => (string)f!["field"]! == field)!["values"]!.AsArray().ToList();
}
