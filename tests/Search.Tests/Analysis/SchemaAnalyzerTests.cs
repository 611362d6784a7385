using TownLake.Search.Analysis;

namespace TownLake.Search.Tests.Analysis;

public class SchemaAnalyzerTests
{
    [Theory]
    [InlineData("fct_billings_allocated", "fact billings allocated")]
    [InlineData("customerID", "customer id")]
    [InlineData("sales.orders_2024", "sales orders 2024")]
    [InlineData("order2024total", "order 2024 total")]
    [InlineData("acct_qty", "account quantity")]
    public void Index_analyzer_splits_snake_camel_dotted_names_and_digits_into_words(string name, string words)
    {
        using var analyzer = SchemaAnalyzer.ForIndexing();

        var terms = TextTokens.Terms(analyzer, name);

        Assert.All(TextTokens.Terms(analyzer, words), term => Assert.Contains(term, terms));
    }

    [Fact]
    public void Index_analyzer_lowercases_and_stems()
    {
        using var analyzer = SchemaAnalyzer.ForIndexing();

        var terms = TextTokens.Terms(analyzer, "CUSTOMER_Orders");

        Assert.Contains("customer", terms);
        Assert.Contains("order", terms);
        Assert.DoesNotContain("orders", terms);
    }

    [Fact]
    public void Index_analyzer_keeps_the_abbreviation_beside_its_expansion()
    {
        using var analyzer = SchemaAnalyzer.ForIndexing();

        var tokens = TextTokens.Analyze(analyzer, "cust_amt");

        Assert.Contains(tokens, token => token.Term == "cust" && token.Position == 0);
        Assert.Contains(tokens, token => token.Term == "customer" && token.Position == 0);
        Assert.Contains(tokens, token => token.Term == "amount" && token.Position == 1);
    }

    [Fact]
    public void Query_analyzer_drops_question_words_and_stems()
    {
        using var analyzer = SchemaAnalyzer.ForQueries();

        var terms = TextTokens.Terms(analyzer, "How many singers are there in each country?");

        Assert.Equal(["singer", "country"], terms);
    }

    [Fact]
    public void Query_analyzer_does_not_read_ordinary_english_words_as_abbreviations()
    {
        using var analyzer = SchemaAnalyzer.ForQueries();

        var terms = TextTokens.Terms(analyzer, "min price per cat");

        Assert.DoesNotContain("minimum", terms);
        Assert.DoesNotContain("category", terms);
    }

    [Fact]
    public void Values_joined_with_the_separator_are_a_position_gap_apart()
    {
        using var analyzer = SchemaAnalyzer.ForIndexing();

        var tokens = TextTokens.Analyze(analyzer, string.Join(SchemaAnalyzer.ValueSeparator, ["order_total", "customer_id"]));

        var total = tokens.Single(token => token.Term == "total").Position;
        var customer = tokens.Single(token => token.Term == "customer").Position;
        Assert.True(customer - total > SchemaAnalyzer.ValueGap - 1, $"total at {total}, customer at {customer}");
    }
}
