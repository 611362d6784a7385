using TownLake.Search.Documents;
using TownLake.Search.Querying;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Querying;

public class ExplainAndAutocompleteTests
{
    [Fact]
    public async Task Matched_fields_name_the_column_that_matched()
    {
        var orders = Datasets.Table("wh", "sales", "orders", "order_id", "shipping_country", "total") with
        {
            Description = "All web shop orders since 2019, one row per order.",
        };
        await using var index = await TestIndex.InMemoryAsync(orders);

        var hit = index.Search(new SearchRequest { Query = "shipping country" }).Hits.Single();

        var column = Assert.Single(hit.MatchedFields, field => field.Field == "column");
        Assert.Equal("shipping_country", column.Value);
        Assert.Equal("<em>shipping</em>_<em>country</em>", column.Snippet);
    }

    [Fact]
    public async Task Matched_fields_highlight_the_description()
    {
        var orders = Datasets.Table("wh", "sales", "orders", "order_id") with { Description = "All web shop purchases, one row per purchase." };
        await using var index = await TestIndex.InMemoryAsync(orders);

        var hit = index.Search(new SearchRequest { Query = "purchases" }).Hits.Single();

        var description = Assert.Single(hit.MatchedFields, field => field.Field == "description");
        Assert.Equal("All web shop <em>purchases</em>, one row per <em>purchase</em>.", description.Snippet);
    }

    [Fact]
    public async Task Autocomplete_completes_table_and_full_names_by_prefix()
    {
        var billings = Datasets.Table("wh", "finance", "fct_billings_allocated", "id");
        var bills = Datasets.Table("wh", "finance", "fct_bills", "id") with { Signals = new SearchSignals(Curated: true) };
        await using var index = await TestIndex.InMemoryAsync(billings, bills, Datasets.Table("wh", "sales", "orders", "id"));

        var byTable = index.Autocomplete("fct_bil");
        var byFullName = index.Autocomplete("wh.sales.");
        var byWordInside = index.Autocomplete("billings");

        Assert.Equal([bills.Urn, billings.Urn], byTable.Select(suggestion => suggestion.Urn));
        Assert.Equal(["wh.sales.orders"], byFullName.Select(suggestion => suggestion.Name));
        Assert.Equal([billings.Urn], byWordInside.Select(suggestion => suggestion.Urn));
    }
}
