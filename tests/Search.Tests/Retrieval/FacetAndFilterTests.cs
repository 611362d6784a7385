using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Retrieval;

public class FacetAndFilterTests
{
    private static readonly SearchDocument[] Catalog =
    [
        Datasets.Table("wh", "sales", "orders", "order_id") with { Platform = "snowflake", Tags = ["gold"], Owners = ["alice"], Domain = "Sales" },
        Datasets.Table("wh", "sales", "order_lines", "order_id") with { Platform = "snowflake", Tags = ["gold", "pii"], Owners = ["bob"], Domain = "Sales" },
        Datasets.Table("lake", "raw", "orders_raw", "order_id") with { Platform = "s3", Tags = ["bronze"], Owners = ["alice"] },
        Datasets.Table("lake", "raw", "clicks", "click_id") with { Platform = "s3" },
        new SearchDocument { Urn = "urn:glossary:order", EntityType = SearchEntityType.GlossaryTerm, Name = "Order", Description = "A customer's purchase." },
    ];

    [Fact]
    public async Task Facet_counts_cover_every_match_not_only_the_page()
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);

        var results = index.Search(new SearchRequest { Query = "orders", Limit = 1 });

        Assert.Equal(4, results.TotalCount);
        Assert.Equal([new FacetCount("snowflake", 2), new FacetCount("s3", 1)], results.Facets[SearchFacet.Platform]);
        Assert.Equal([new FacetCount("gold", 2), new FacetCount("bronze", 1), new FacetCount("pii", 1)], results.Facets[SearchFacet.Tag]);
        Assert.Equal([new FacetCount("Dataset", 3), new FacetCount("GlossaryTerm", 1)], results.Facets[SearchFacet.EntityType]);
        Assert.Equal([new FacetCount("alice", 2), new FacetCount("bob", 1)], results.Facets[SearchFacet.Owner]);
        Assert.Equal([new FacetCount("wh.sales", 2), new FacetCount("lake.raw", 1)], results.Facets[SearchFacet.Schema]);
    }

    [Fact]
    public async Task Filter_keeps_only_matching_facet_values()
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);

        var results = index.Search(new SearchRequest
        {
            Query = "orders",
            Filters = new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.Platform] = ["s3"] },
        });

        Assert.Equal(["urn:dataset:lake.raw.orders_raw"], results.Hits.Select(hit => hit.Urn));
        Assert.Equal(1, results.TotalCount);
    }

    [Fact]
    public async Task Filter_values_of_one_facet_are_alternatives_and_facets_combine()
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);

        var results = index.Search(new SearchRequest
        {
            Query = "",
            Filters = new Dictionary<SearchFacet, IReadOnlyList<string>>
            {
                [SearchFacet.Tag] = ["pii", "bronze"],
                [SearchFacet.Owner] = ["alice"],
            },
        });

        Assert.Equal(["urn:dataset:lake.raw.orders_raw"], results.Hits.Select(hit => hit.Urn));
    }

    [Fact]
    public async Task Empty_query_browses_everything_with_facets()
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);

        var results = index.Search(new SearchRequest { Query = "  " });

        Assert.Equal(Catalog.Length, results.TotalCount);
        Assert.Equal(2, results.Facets[SearchFacet.Catalog].Count);
    }

    [Fact]
    public async Task Pages_by_cursor_cover_all_results_once()
    {
        var tables = Enumerable.Range(0, 25).Select(i => Datasets.Table("wh", "s" + (i % 5), $"orders_{i}", "order_id")).ToArray();
        await using var index = await TestIndex.InMemoryAsync(tables);

        var seen = new List<string>();
        var request = new SearchRequest { Query = "orders", Limit = 10 };
        SearchResults page;
        do
        {
            page = index.Search(request);
            seen.AddRange(page.Hits.Select(hit => hit.Urn));
            request = request with { Cursor = page.NextCursor };
        }
        while (page.NextCursor is not null);

        Assert.Equal(25, page.TotalCount);
        Assert.Equal(tables.Select(table => table.Urn).Order(), seen.Order());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Out_of_range_limit_is_rejected(int limit)
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);

        Assert.Throws<ArgumentException>(() => index.Search(new SearchRequest { Query = "orders", Limit = limit }));
    }

    [Fact]
    public async Task A_forged_cursor_is_rejected_with_a_clear_error()
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);

        var error = Assert.Throws<ArgumentException>(() => index.Search(new SearchRequest { Query = "orders", Cursor = "not-a-cursor" }));

        Assert.Contains("cursor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_very_long_query_is_answered_not_rejected()
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);
        var essay = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"word{i}")) + " orders";

        var results = index.Search(new SearchRequest { Query = "orders " + essay });

        Assert.NotEmpty(results.Hits);
    }

    [Fact]
    public async Task Options_outside_their_range_are_rejected_on_open()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            SearchIndex.OpenAsync(new SearchIndexOptions { RefreshInterval = TimeSpan.FromSeconds(5) }, _ => AsyncEnumerable.Empty<SearchDocument>()));

        Assert.Contains("RefreshInterval", error.Message, StringComparison.Ordinal);
    }
}
