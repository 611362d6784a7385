using TownLake.Search.Documents;
using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Retrieval;

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

    [Fact]
    public async Task Autocomplete_matches_several_words_in_sequence_from_any_word_start()
    {
        var billings = Datasets.Table("wh", "finance", "fct_billings_allocated", "id");
        var staged = Datasets.Table("wh", "raw", "src__Billing_Events", "id");
        await using var index = await TestIndex.InMemoryAsync(billings, staged, Datasets.Table("wh", "finance", "allocated_fct", "id"));

        Assert.Equal([billings.Urn], index.Autocomplete("billings_al").Select(suggestion => suggestion.Urn));
        Assert.Equal([billings.Urn], index.Autocomplete("FCT_BILLINGS_ALLOCATED").Select(suggestion => suggestion.Urn));
        Assert.Equal([staged.Urn], index.Autocomplete("src__billing_ev").Select(suggestion => suggestion.Urn));
        Assert.Equal([staged.Urn], index.Autocomplete("billing_events").Select(suggestion => suggestion.Urn));
        Assert.Empty(index.Autocomplete("fct_allocated"));
        Assert.Empty(index.Autocomplete("billings_events"));
    }
}
