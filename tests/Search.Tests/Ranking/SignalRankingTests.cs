using TownLake.Search.Documents;
using TownLake.Search.Ranking;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Ranking;

/// <summary>Each quality signal moves a table past an otherwise identical one (see <see cref="SignalPairs"/>).</summary>
public class SignalRankingTests
{
    [Fact]
    public async Task Search_ranks_curated_table_above_an_identical_uncurated_one()
    {
        var (curated, plain) = SignalPairs.For(nameof(SignalWeights.Curated));

        var ranked = await SignalPairs.RankAsync(SignalWeights.Default, plain, curated);

        Assert.Equal([curated.Urn, plain.Urn], ranked.Select(hit => hit.Urn));
    }

    [Fact]
    public async Task Search_ranks_deprecated_table_below_an_identical_live_one_but_still_finds_it()
    {
        var (live, deprecated) = SignalPairs.For(nameof(SignalWeights.Deprecated));

        var ranked = await SignalPairs.RankAsync(SignalWeights.Default, deprecated, live);

        Assert.Equal([live.Urn, deprecated.Urn], ranked.Select(hit => hit.Urn));
    }

    [Fact]
    public async Task Search_ranks_scratch_table_below_an_identical_regular_one()
    {
        var (regular, scratch) = SignalPairs.For(nameof(SignalWeights.Scratch));

        var ranked = await SignalPairs.RankAsync(SignalWeights.Default, scratch, regular);

        Assert.Equal([regular.Urn, scratch.Urn], ranked.Select(hit => hit.Urn));
    }

    [Fact]
    public async Task Search_ranks_internal_table_below_an_identical_public_one()
    {
        var (open, hidden) = SignalPairs.For(nameof(SignalWeights.Internal));

        var ranked = await SignalPairs.RankAsync(SignalWeights.Default, hidden, open);

        Assert.Equal([open.Urn, hidden.Urn], ranked.Select(hit => hit.Urn));
    }

    [Fact]
    public async Task Search_ranks_popular_table_above_an_identical_unused_one()
    {
        var (popular, unused) = SignalPairs.For(nameof(SignalWeights.MaxPopularityGain));

        var ranked = await SignalPairs.RankAsync(SignalWeights.Default, unused, popular);

        Assert.Equal([popular.Urn, unused.Urn], ranked.Select(hit => hit.Urn));
    }

    [Fact]
    public async Task Search_ranks_curated_table_above_its_scratch_copy()
    {
        var scratch = Datasets.Table("wh", "scratch_bob", "customer_orders", "order_id", "customer_id", "order_total") with
        {
            Signals = new SearchSignals(Scratch: true),
        };
        var curated = Datasets.Table("wh", "sales", "customer_orders", "order_id", "customer_id", "order_total") with
        {
            Signals = new SearchSignals(Curated: true),
        };
        await using var index = await TestIndex.InMemoryAsync(scratch, curated);

        var urns = index.Urns("customer orders");

        Assert.Equal([curated.Urn, scratch.Urn], urns);
    }

    [Fact]
    public async Task Search_ranks_table_name_match_above_column_name_match()
    {
        var byColumn = Datasets.Table("wh", "sales", "orders", "order_id", "customer_id");
        var byName = Datasets.Table("wh", "crm", "customers", "id", "full_name");
        await using var index = await TestIndex.InMemoryAsync(byColumn, byName);

        Assert.Equal(byName.Urn, index.Urns("customers")[0]);
    }
}
