using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Retrieval;

public class FilterCacheTests
{
    private static IReadOnlyDictionary<SearchFacet, IReadOnlyList<string>> Platform(params string[] values) =>
        new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.Platform] = values };

    [Fact]
    public void The_same_filters_given_in_another_order_share_one_cached_filter()
    {
        var cache = new FilterCache();

        var first = cache.For(new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.Platform] = ["s3", "postgres"], [SearchFacet.Tag] = ["gold"] });
        var second = cache.For(new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.Tag] = ["gold"], [SearchFacet.Platform] = ["postgres", "s3"] });

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Equal(1, cache.Count);
        Assert.Null(cache.For(Platform()));
    }

    [Fact]
    public void Crafted_distinct_filters_stop_being_cached_at_the_bound()
    {
        var cache = new FilterCache();

        for (var i = 0; i < FilterCache.MaxFilters + 100; i++)
        {
            Assert.NotNull(cache.For(Platform("made-up-" + i)));
        }

        Assert.Equal(FilterCache.MaxFilters, cache.Count);
    }

    [Fact]
    public async Task A_cached_filter_follows_documents_written_and_replaced_after_its_first_use()
    {
        var lake = Datasets.Table("lake", "raw", "orders_raw", "order_id") with { Platform = "s3" };
        await using var index = await TestIndex.InMemoryAsync(lake, Datasets.Table("wh", "sales", "orders", "order_id"));
        var s3Orders = new SearchRequest { Query = "orders", Filters = Platform("s3") };
        Assert.Equal([lake.Urn], index.Search(s3Orders).Hits.Select(hit => hit.Urn));

        var added = Datasets.Table("lake", "raw", "orders_archive", "order_id") with { Platform = "s3" };
        await index.UpsertAsync(added);
        await index.UpsertAsync(lake with { Platform = "gcs" });
        await index.RefreshAsync();

        var results = index.Search(s3Orders);
        Assert.Equal([added.Urn], results.Hits.Select(hit => hit.Urn));
        Assert.Equal(1, results.TotalCount);
    }
}
