using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Retrieval;

/// <summary>
/// A question of only common words is counted with cached bit sets and scored in document order only until its top hits
/// reach the score ceiling of what is left: the same hits, scores and total as scoring every match, facet counts exact up
/// to <see cref="SearchIndexOptions.ExactFacetCountLimit"/> and flagged as estimates above it.
/// </summary>
public class CommonWordScoringTests
{
    private const int Tables = 2_400;

    private static readonly string[] Subjects = ["orders", "customers", "accounts", "payments"];

    /// <summary>Every word of a question is common in this index; nothing else changes from the defaults.</summary>
    private static readonly SearchIndexOptions Common = new() { CommonWordShare = 0.05, CommonWordMinDocs = 1, ExactFacetCountLimit = 1_000 };

    private static readonly SearchIndexOptions Exhaustive = new() { CommonWordShare = 0 };

    /// <summary>
    /// Tables of varied length and signals: subjects in names and descriptions, key columns in most tables, some with a
    /// column naming two subjects next to each other (phrase matches), some curated or deprecated (score multipliers).
    /// </summary>
    private static SearchDocument[] Catalog() => Enumerable.Range(0, Tables).Select(Table).ToArray();

    private static SearchDocument Table(int i)
    {
        var subject = Subjects[i % Subjects.Length];
        var other = Subjects[(i / 7) % Subjects.Length];
        var columns = new List<string> { "id", "created_at" };
        if (i % 3 != 0)
        {
            columns.Add("customer_id");
        }

        if (i % 5 == 0)
        {
            columns.Add("account_id");
        }

        if (i % 11 == 0)
        {
            columns.Add($"{other}_{subject}_link");
        }

        columns.AddRange(Enumerable.Range(0, i % 9).Select(extra => $"extra_{extra}"));
        return Datasets.Table("wh", $"s{i % 6}", $"{subject}_{i}", [.. columns]) with
        {
            Description = i % 4 == 0 ? $"{subject} of {other} number {i}" : $"table {i}",
            Platform = i % 10 == 0 ? "snowflake" : "postgres",
            Signals = new SearchSignals { Curated = i % 13 == 0, Deprecated = i % 17 == 0 },
        };
    }

    /// <summary>
    /// Runs <paramref name="request"/> on one index opened with each of <paramref name="options"/> in turn: the same
    /// segments and document order (two separate builds may order equal scores differently).
    /// </summary>
    private static Task<List<SearchResults>> SearchEachAsync(SearchRequest request, params SearchIndexOptions[] options) =>
        SearchEachAsync(Catalog(), request, options);

    /// <summary>As above, over <paramref name="documents"/> written one after another (document ids in that order).</summary>
    private static async Task<List<SearchResults>> SearchEachAsync(SearchDocument[] documents, SearchRequest request, params SearchIndexOptions[] options)
    {
        using var directory = new TempDirectory();
        await using (var built = await SearchIndex.OpenAsync(options[0] with { DirectoryPath = directory.Path }, _ => AsyncEnumerable.Empty<SearchDocument>()))
        {
            await built.UpsertManyAsync(documents.ToAsyncEnumerable());
            await built.CommitAsync();
        }

        var results = new List<SearchResults>();
        foreach (var option in options)
        {
            await using var index = await SearchIndex.OpenAsync(option with { DirectoryPath = directory.Path }, _ => throw new InvalidOperationException("built above"));
            results.Add(index.Search(request));
        }

        return results;
    }

    private static SearchRequest Ranking(string query, int limit = 100) => new() { Query = query, Limit = limit, JoinAware = false, Explain = false };

    [Theory]
    [InlineData("customers customer_id")]
    [InlineData("orders created_at")]
    [InlineData("accounts customer_id")]
    [InlineData("customers orders id")]
    [InlineData("orders orders id")]
    [InlineData("payments account_id")]
    public async Task Stopping_at_the_score_ceiling_returns_the_hits_and_total_of_scoring_every_match(string query)
    {
        var results = await SearchEachAsync(Ranking(query), Common, Common with { ScoreEveryMatch = true });
        var (fast, all) = (results[0], results[1]);

        Assert.Equal(all.TotalCount, fast.TotalCount);
        Assert.Equal(100, fast.Hits.Count);
        Assert.Equal(all.Hits.Select(hit => hit.Urn), fast.Hits.Select(hit => hit.Urn));
        Assert.All(fast.Hits.Zip(all.Hits), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 4));
    }

    [Fact]
    public async Task The_search_stops_only_once_no_later_table_can_score_higher()
    {
        // In document order: tables with longer names mentioning orders, many tied tables named orders, tables named
        // orders twice (the best), more tied ones, then tables without the word. Stopping at the first hundred ties
        // would miss the best.
        var documents = Enumerable.Range(0, 5_650).Select(i =>
        {
            var table = i switch
            {
                < 300 => $"orders_big_old_wide_{i}",
                >= 1_500 and < 1_650 => $"orders_orders_{i}",
                < 2_650 => $"orders_{i}",
                _ => $"items_{i}",
            };
            return Datasets.Table("wh", "s", table, "id", "customer_id") with { Description = "plain" };
        }).ToArray();

        var results = await SearchEachAsync(documents, Ranking("orders customer_id"), Common, Common with { ScoreEveryMatch = true });
        var (fast, all) = (results[0], results[1]);

        Assert.Equal(all.Hits.Select(hit => hit.Urn), fast.Hits.Select(hit => hit.Urn));
        Assert.All(fast.Hits, hit => Assert.Contains("orders_orders_", hit.Urn, StringComparison.Ordinal));
        Assert.Equal(2_650, fast.TotalCount);
    }

    [Theory]
    [InlineData("customers customer_id")]
    [InlineData("orders created_at")]
    public async Task The_first_ten_match_the_ranking_of_every_word_optional(string query)
    {
        var results = await SearchEachAsync(Ranking(query, limit: 10), Common, Exhaustive);
        var (fast, all) = (results[0].Hits, results[1].Hits);

        Assert.All(fast.Zip(all), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 4));
    }

    [Fact]
    public async Task The_total_counts_exactly_the_tables_having_every_word()
    {
        await using var index = await TestIndex.InMemoryAsync(Common, Catalog());

        var results = index.Search(Ranking("customers customer_id", limit: 10));

        // "customer" is in every customers table's name and in every table with a customer_id column.
        var expected = Enumerable.Range(0, Tables).Count(i => i % 3 != 0 || Subjects[i % Subjects.Length] == "customers"
            || (i % 11 == 0 && (Subjects[(i / 7) % Subjects.Length] == "customers")) || (i % 4 == 0 && Subjects[(i / 7) % Subjects.Length] == "customers"));
        Assert.Equal(expected, results.TotalCount);
    }

    [Fact]
    public async Task Deleted_tables_are_not_counted()
    {
        await using var index = await TestIndex.InMemoryAsync(Common, Catalog());
        var before = index.Search(Ranking("orders created_at", limit: 10)).TotalCount;

        await index.DeleteAsync(Table(0).Urn);
        await index.DeleteAsync(Table(4).Urn);
        await index.RefreshAsync();
        var after = index.Search(Ranking("orders created_at", limit: 100));

        Assert.Equal(before - 2, after.TotalCount);
        Assert.DoesNotContain(Table(0).Urn, after.Hits.Select(hit => hit.Urn));
    }

    [Fact]
    public async Task Facet_counts_of_up_to_the_limit_of_matches_are_exact_and_add_up()
    {
        await using var index = await TestIndex.InMemoryAsync(Common with { ExactFacetCountLimit = 100_000 }, Catalog());

        var results = index.Search(new SearchRequest { Query = "orders created_at" });

        Assert.False(results.FacetCountsEstimated);
        Assert.Equal(results.TotalCount, results.Facets[SearchFacet.Platform].Sum(value => value.Count));
        Assert.Equal(results.TotalCount, results.Facets[SearchFacet.Schema].Sum(value => value.Count));
    }

    [Fact]
    public async Task Facet_counts_of_more_matches_than_the_limit_are_flagged_estimates_close_to_the_exact_ones()
    {
        await using var sampled = await TestIndex.InMemoryAsync(Common, Catalog());
        await using var exact = await TestIndex.InMemoryAsync(Common with { ExactFacetCountLimit = 100_000 }, Catalog());

        var estimate = sampled.Search(new SearchRequest { Query = "customers customer_id" });
        var truth = exact.Search(new SearchRequest { Query = "customers customer_id" });

        Assert.True(estimate.TotalCount > 1_000);
        Assert.True(estimate.FacetCountsEstimated);
        Assert.Equal(truth.TotalCount, estimate.TotalCount);
        var exactPlatforms = truth.Facets[SearchFacet.Platform].ToDictionary(value => value.Value, value => value.Count);
        Assert.All(estimate.Facets[SearchFacet.Platform], value => Assert.InRange(value.Count, exactPlatforms[value.Value] * 0.85, exactPlatforms[value.Value] * 1.15));
        Assert.InRange(estimate.Facets[SearchFacet.Platform].Sum(value => value.Count), estimate.TotalCount * 0.97, estimate.TotalCount * 1.03);
    }

    [Fact]
    public async Task A_filtered_facet_keeps_counting_its_other_values_over_the_common_words_matches()
    {
        await using var index = await TestIndex.InMemoryAsync(Common with { ExactFacetCountLimit = 100_000 }, Catalog());
        var unfiltered = index.Search(new SearchRequest { Query = "orders created_at" });

        var filtered = index.Search(new SearchRequest
        {
            Query = "orders created_at",
            Filters = new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.Platform] = ["snowflake"] },
        });

        Assert.Equal(unfiltered.Facets[SearchFacet.Platform], filtered.Facets[SearchFacet.Platform]);
        Assert.Equal(filtered.TotalCount, filtered.Facets[SearchFacet.Platform].Single(value => value.Value == "snowflake").Count);
        Assert.False(filtered.FacetCountsEstimated);
    }

    [Fact]
    public async Task Pages_past_the_first_follow_the_exhaustive_order()
    {
        var results = await SearchEachAsync(Ranking("customers customer_id", limit: 20) with { Offset = 140 }, Common, Common with { ScoreEveryMatch = true });
        var (fast, all) = (results[0], results[1]);

        Assert.Equal(all.Hits.Select(hit => hit.Urn), fast.Hits.Select(hit => hit.Urn));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(-1)]
    public async Task An_exact_facet_count_limit_below_a_thousand_is_refused(int limit)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestIndex.InMemoryAsync(new SearchIndexOptions { ExactFacetCountLimit = limit }, Catalog()));

        Assert.Contains("ExactFacetCountLimit", error.Message, StringComparison.Ordinal);
    }
}
