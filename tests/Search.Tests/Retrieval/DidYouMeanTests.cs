using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Retrieval;

/// <summary>"Did you mean": misspelled words are corrected from the index's own vocabulary, known words never are.</summary>
public class DidYouMeanTests
{
    private static readonly SearchDocument[] Catalog =
    [
        Datasets.Table("wh", "billing", "invoices", "invoice_id", "customer_id", "amount") with { Description = "Invoices sent to customers, one row per invoice." },
        Datasets.Table("wh", "crm", "customers", "customer_id", "segment", "region") with { Description = "Every customer with their segment." },
        Datasets.Table("wh", "crm", "accounts", "account_id", "customer_id") with { Description = "Accounts of customers." },
    ];

    [Theory]
    [InlineData("custmer segment", "customer segment")]
    [InlineData("invoics per regoin", "invoice per region")]
    [InlineData("Acounts", "account")]
    public async Task A_misspelled_word_is_replaced_by_the_closest_word_the_catalog_has(string query, string expected)
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);

        var results = index.Search(new SearchRequest { Query = query });

        Assert.Equal(expected, results.DidYouMean);
    }

    [Theory]
    [InlineData("customer segment")]
    [InlineData("invoices")]
    [InlineData("the customers of 2024")]
    [InlineData("")]
    [InlineData("zzzzqqqq")]
    public async Task Known_words_or_words_with_nothing_close_get_no_suggestion(string query)
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);

        Assert.Null(index.Search(new SearchRequest { Query = query }).DidYouMean);
    }

    [Fact]
    public async Task The_corrected_query_finds_what_the_misspelled_one_meant()
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);

        var suggestion = index.Search(new SearchRequest { Query = "custmer segmnt" }).DidYouMean;

        Assert.NotNull(suggestion);
        Assert.Equal("urn:dataset:wh.crm.customers", index.Urns(suggestion)[0]);
    }

    [Fact]
    public async Task A_long_pasted_text_is_answered_without_looking_at_every_word()
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog);
        var text = string.Join(' ', Enumerable.Repeat("custmer", 2_000));

        var results = index.Search(new SearchRequest { Query = text });

        Assert.NotNull(results.DidYouMean);
        Assert.Equal(12, results.DidYouMean!.Split(' ').Count(w => w == "customer"));
    }

    [Theory]
    [InlineData("custmer", "customer", 1)]
    [InlineData("cutsomer", "customer", 1)]
    [InlineData("invoics", "invoices", 1)]
    [InlineData("region", "regoin", 1)]
    [InlineData("abc", "xyz", 3)]
    public void Distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected) =>
        Assert.Equal(expected, SpellingSuggester.Distance(a, b));
}
