using TownLake.Search.Documents;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Ranking;

public class SignalRankingTests
{
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
    public async Task Search_ranks_deprecated_table_below_the_live_one_but_still_finds_it()
    {
        var deprecated = Datasets.Table("wh", "sales", "invoices", "invoice_id", "amount") with { Signals = new SearchSignals(Deprecated: true) };
        var live = Datasets.Table("wh", "billing", "invoices", "invoice_id", "amount");
        await using var index = await TestIndex.InMemoryAsync(deprecated, live);

        var urns = index.Urns("invoices");

        Assert.Equal([live.Urn, deprecated.Urn], urns);
    }

    [Fact]
    public async Task Search_ranks_internal_table_below_the_public_one()
    {
        var hidden = Datasets.Table("wh", "sales", "shipments", "shipment_id") with { Signals = new SearchSignals(Internal: true) };
        var open = Datasets.Table("wh", "logistics", "shipments", "shipment_id");
        await using var index = await TestIndex.InMemoryAsync(hidden, open);

        Assert.Equal(open.Urn, index.Urns("shipments")[0]);
    }

    [Fact]
    public async Task Search_ranks_popular_table_above_an_equal_unused_one()
    {
        var unused = Datasets.Table("wh", "a", "payments", "payment_id", "amount");
        var popular = Datasets.Table("wh", "b", "payments", "payment_id", "amount") with { Signals = new SearchSignals(QueryCount: 5000) };
        await using var index = await TestIndex.InMemoryAsync(unused, popular);

        Assert.Equal(popular.Urn, index.Urns("payments")[0]);
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
