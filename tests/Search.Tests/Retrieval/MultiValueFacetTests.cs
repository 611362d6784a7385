using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Retrieval;

/// <summary>Several values of one facet at once: a filtered facet keeps counting its other values, and the picked values' counts add up to the total.</summary>
public class MultiValueFacetTests
{
    private static readonly SearchDocument[] Catalog =
    [
        Datasets.Table("wh", "sales", "orders", "order_id") with { Platform = "snowflake", Tags = ["gold"], Owners = ["alice"] },
        Datasets.Table("wh", "sales", "order_lines", "order_id") with { Platform = "snowflake", Tags = ["gold", "pii"], Owners = ["bob"] },
        Datasets.Table("lake", "raw", "orders_raw", "order_id") with { Platform = "s3", Tags = ["bronze"], Owners = ["alice"] },
        Datasets.Table("pg", "app", "orders_live", "order_id") with { Platform = "postgres", Owners = ["alice"] },
        Datasets.Table("lake", "raw", "clicks", "click_id") with { Platform = "s3" },
    ];

    private static Dictionary<SearchFacet, IReadOnlyList<string>> Filters(params (SearchFacet Facet, string[] Values)[] filters) =>
        filters.ToDictionary(f => f.Facet, f => (IReadOnlyList<string>)f.Values);

    [Fact]
    public async Task A_filtered_facet_still_counts_its_other_values_so_more_can_be_picked()
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);

        var results = index.Search(new SearchRequest { Query = "orders", Filters = Filters((SearchFacet.Platform, ["s3"])) });

        Assert.Equal(1, results.TotalCount);
        Assert.Equal([new FacetCount("snowflake", 2), new FacetCount("postgres", 1), new FacetCount("s3", 1)], results.Facets[SearchFacet.Platform]);
        // Other facets count only the filtered matches.
        Assert.Equal([new FacetCount("alice", 1)], results.Facets[SearchFacet.Owner]);
    }

    [Fact]
    public async Task Two_values_of_one_facet_are_alternatives_and_their_counts_add_up_to_the_total()
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);

        var results = index.Search(new SearchRequest { Query = "orders", Filters = Filters((SearchFacet.Platform, ["s3", "postgres"])) });

        Assert.Equal(2, results.TotalCount);
        Assert.Equal(["urn:dataset:lake.raw.orders_raw", "urn:dataset:pg.app.orders_live"], results.Hits.Select(h => h.Urn).Order());
        var picked = results.Facets[SearchFacet.Platform].Where(c => c.Value is "s3" or "postgres").Sum(c => c.Count);
        Assert.Equal(results.TotalCount, picked);
    }

    [Fact]
    public async Task Facets_combine_with_and_while_each_counts_over_the_others_filters()
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);

        var results = index.Search(new SearchRequest
        {
            Query = "orders",
            Filters = Filters((SearchFacet.Platform, ["snowflake", "s3"]), (SearchFacet.Owner, ["alice"])),
        });

        Assert.Equal(["urn:dataset:lake.raw.orders_raw", "urn:dataset:wh.sales.orders"], results.Hits.Select(h => h.Urn).Order());
        // Platform counted over owner=alice: snowflake 1, s3 1, postgres 1 (pickable); owner counted over the two platforms.
        Assert.Equal([new FacetCount("postgres", 1), new FacetCount("s3", 1), new FacetCount("snowflake", 1)], results.Facets[SearchFacet.Platform]);
        Assert.Equal([new FacetCount("alice", 2), new FacetCount("bob", 1)], results.Facets[SearchFacet.Owner]);
        Assert.Equal(results.TotalCount, results.Facets[SearchFacet.Platform].Where(c => c.Value is "snowflake" or "s3").Sum(c => c.Count));
    }
}
