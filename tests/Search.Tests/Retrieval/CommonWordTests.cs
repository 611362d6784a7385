using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Retrieval;

/// <summary>
/// Words in a large share of the index ("table", "id") only rank what the rarer words of a question match, so a search
/// no longer scores the whole catalog; a question of such words only needs them all.
/// </summary>
public class CommonWordTests
{
    /// <summary>Every word in at least half of this small index is common (the defaults only call a word common in 10,000 documents).</summary>
    private static readonly SearchIndexOptions Common = new() { CommonWordShare = 0.5, CommonWordMinDocs = 1 };

    private static readonly SearchIndexOptions Exhaustive = new() { CommonWordShare = 0 };

    private static readonly SearchDocument Zebras = Described(Datasets.Table("wh", "zoo", "zebra_sightings", "id", "created_at"), "Generated table of sightings");

    /// <summary>Names the rare word but not the ubiquitous one.</summary>
    private static readonly SearchDocument ZebraNotes = Datasets.Table("wh", "zoo", "zebra_notes", "note_text");

    /// <summary>Has the column "id" but not the word "table".</summary>
    private static readonly SearchDocument Visits = Datasets.Table("wh", "zoo", "visits", "id");

    private static SearchDocument[] Catalog() =>
    [
        .. Enumerable.Range(0, 30).Select(i => Described(Datasets.Table("wh", "sales", $"ledger_{i}", "id", "created_at", "amount"), $"Generated table number {i}")),
        Zebras,
        ZebraNotes,
        Visits,
    ];

    private static SearchDocument Described(SearchDocument document, string description) => document with { Description = description };

    private static SearchRequest Ranking(string query, int limit = 10) => new() { Query = query, Limit = limit, JoinAware = false, Explain = false };

    [Fact]
    public async Task A_rare_word_beside_a_ubiquitous_one_ranks_its_match_first_and_does_not_need_the_ubiquitous_word()
    {
        await using var index = await TestIndex.InMemoryAsync(Common, Catalog());

        var results = index.Search(new SearchRequest { Query = "zebra table" });

        Assert.Equal(Zebras.Urn, results.Hits[0].Urn);
        Assert.Equal([Zebras.Urn, ZebraNotes.Urn], results.Hits.Select(hit => hit.Urn));
        Assert.Equal(2, results.TotalCount);
    }

    [Fact]
    public async Task Without_common_words_the_ubiquitous_word_matches_the_whole_catalog()
    {
        await using var index = await TestIndex.InMemoryAsync(Exhaustive, Catalog());

        var results = index.Search(new SearchRequest { Query = "zebra table" });

        Assert.Equal(Zebras.Urn, results.Hits[0].Urn);
        Assert.Equal(32, results.TotalCount);
    }

    [Fact]
    public async Task A_question_of_only_ubiquitous_words_still_answers_with_the_documents_having_them_all()
    {
        await using var index = await TestIndex.InMemoryAsync(Common, Catalog());

        var both = index.Search(Ranking("table id", limit: 100));
        var one = index.Search(Ranking("table", limit: 100));

        Assert.Equal(31, both.TotalCount);
        Assert.DoesNotContain(Visits.Urn, both.Hits.Select(hit => hit.Urn));
        Assert.DoesNotContain(ZebraNotes.Urn, both.Hits.Select(hit => hit.Urn));
        Assert.Equal(31, one.TotalCount);
    }

    [Theory]
    [InlineData("zebra table")]
    [InlineData("table id")]
    [InlineData("ledger 7 created")]
    public async Task Common_words_keep_the_exhaustive_score_of_every_document_they_keep(string query)
    {
        await using var common = await TestIndex.InMemoryAsync(Common, Catalog());
        await using var exhaustive = await TestIndex.InMemoryAsync(Exhaustive, Catalog());

        var kept = common.Search(Ranking(query, limit: 100)).Hits;
        var all = exhaustive.Search(Ranking(query, limit: 100)).Hits.ToDictionary(hit => hit.Urn, hit => hit.Score);

        Assert.NotEmpty(kept);
        Assert.All(kept, hit => Assert.Equal(all[hit.Urn], hit.Score, 4));
    }

    [Fact]
    public async Task Facet_counts_cover_what_the_rare_words_match()
    {
        await using var index = await TestIndex.InMemoryAsync(Common, Catalog());

        var results = index.Search(new SearchRequest { Query = "zebra table" });

        Assert.Equal(results.TotalCount, results.Facets[SearchFacet.Platform].Sum(value => value.Count));
    }

    [Fact]
    public async Task A_glossary_synonym_of_a_rare_word_still_finds_its_tables()
    {
        var stripes = Datasets.Table("wh", "zoo", "stripes_register", "id");
        await using var index = await TestIndex.InMemoryAsync(Common, [.. Catalog(), stripes]);
        index.SetGlossary([new GlossaryEntry("zebra", ["stripes"])]);

        var urns = index.Search(new SearchRequest { Query = "zebra table", Limit = 100 }).Hits.Select(hit => hit.Urn).ToList();

        Assert.Contains(stripes.Urn, urns);
        Assert.Equal(Zebras.Urn, urns[0]);
    }

    [Fact]
    public async Task A_small_catalog_ranks_every_match_by_default()
    {
        await using var index = await TestIndex.InMemoryAsync(Catalog());

        Assert.Equal(32, index.Search(new SearchRequest { Query = "zebra table" }).TotalCount);
    }

    [Theory]
    [InlineData(-0.1, 10)]
    [InlineData(1.5, 10)]
    [InlineData(double.NaN, 10)]
    [InlineData(0.05, 0)]
    [InlineData(0.05, -5)]
    public async Task Common_word_settings_out_of_range_are_refused(double share, int minDocs)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestIndex.InMemoryAsync(new SearchIndexOptions { CommonWordShare = share, CommonWordMinDocs = minDocs }, Catalog()));

        Assert.Contains("CommonWord", error.Message, StringComparison.Ordinal);
    }
}
