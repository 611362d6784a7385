using TownLake.Search.Documents;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Retrieval;

public class GlossaryAndTypoTests
{
    private static readonly SearchDocument Billings = Datasets.Table("wh", "finance", "fct_billings_allocated", "billing_id", "region_code", "billed_amt");
    private static readonly SearchDocument Tickets = Datasets.Table("wh", "support", "support_tickets", "ticket_id", "region_code", "opened_at");

    [Fact]
    public async Task Glossary_synonym_finds_a_table_that_never_uses_the_word()
    {
        await using var index = await TestIndex.InMemoryAsync(Billings, Tickets);
        Assert.DoesNotContain(Billings.Urn, index.Urns("revenue"));

        index.SetGlossary([new GlossaryEntry("Revenue", ["billings", "turnover"])]);

        Assert.Equal(Billings.Urn, index.Urns("revenue by region")[0]);
    }

    [Fact]
    public async Task Glossary_can_be_replaced_at_runtime()
    {
        await using var index = await TestIndex.InMemoryAsync(Billings, Tickets);
        index.SetGlossary([new GlossaryEntry("Revenue", ["billings"])]);

        index.SetGlossary([new GlossaryEntry("Incidents", ["tickets"])]);

        Assert.DoesNotContain(Billings.Urn, index.Urns("revenue"));
        Assert.Equal(Tickets.Urn, index.Urns("incidents")[0]);
    }

    [Fact]
    public async Task Multi_word_glossary_synonym_expands_the_query()
    {
        await using var index = await TestIndex.InMemoryAsync(Billings, Tickets);
        index.SetGlossary([new GlossaryEntry("customer complaints", ["support tickets"])]);

        Assert.Equal(Tickets.Urn, index.Urns("customer complaints")[0]);
    }

    [Fact]
    public async Task Glossary_term_attached_to_a_dataset_is_searchable_by_its_synonym()
    {
        var tagged = Datasets.Table("wh", "finance", "gl_entries", "entry_id", "debit", "credit") with
        {
            GlossaryTerms = [new GlossaryTermRef("General Ledger", ["bookkeeping"])],
        };
        await using var index = await TestIndex.InMemoryAsync(tagged, Tickets);

        Assert.Equal(tagged.Urn, index.Urns("bookkeeping")[0]);
    }

    [Fact]
    public async Task A_typo_still_finds_the_table()
    {
        await using var index = await TestIndex.InMemoryAsync(Billings, Tickets);

        Assert.Equal(Tickets.Urn, index.Urns("suport tickts")[0]);
        Assert.Equal(Billings.Urn, index.Urns("billngs")[0]);
    }

    [Fact]
    public async Task Abbreviated_column_is_found_by_the_full_word()
    {
        await using var index = await TestIndex.InMemoryAsync(Billings, Tickets);

        Assert.Equal(Billings.Urn, index.Urns("billed amount")[0]);
    }
}
