using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Ranking;

public class TieOrderTests
{
    [Fact]
    public async Task Equally_good_tables_come_back_in_the_same_order_whatever_order_they_were_indexed_in()
    {
        var tables = Enumerable.Range(0, 6)
            .Select(i => Datasets.Table("wh", $"shop_{i}", "singer", "singer_id", "name", "country"))
            .ToArray();
        await using var forward = await TestIndex.InMemoryAsync(tables);
        await using var backward = await TestIndex.InMemoryAsync([.. tables.Reverse()]);

        var inForwardIndex = forward.Urns("singer name");
        var inBackwardIndex = backward.Urns("singer name");

        Assert.Equal(6, inForwardIndex.Count);
        Assert.Equal(inForwardIndex, inBackwardIndex);
        Assert.Equal(inForwardIndex.Order(StringComparer.Ordinal), inForwardIndex);
    }
}
