using System.Text.RegularExpressions;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Discovery;
using TownLake.Search.Retrieval;

namespace TownLake.Catalog.Agents;

/// <summary>
/// Dataset search for agents: the same ranking people get, returned as compact cards (the most relevant columns,
/// why each result matched, which results join each other) sized for an LLM's context window.
/// </summary>
public sealed partial class AgentSearch(CatalogSearch search, IEntityStore store)
{
    public const int MaxLimit = 25;
    private const int ColumnsPerCard = 12;

    public async Task<AgentSearchResult> SearchDatasetsAsync(string? query, int? limit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw CatalogException.BadInput("'query' is required: the question or words to search for.");
        }

        var take = limit ?? 10;
        if (take is < 1 or > MaxLimit)
        {
            throw CatalogException.BadInput($"'limit' must be between 1 and {MaxLimit}.");
        }

        var results = await search.SearchAsync(new SearchRequest
        {
            Query = SearchQueryLimit.Require(query),
            Filters = new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.EntityType] = ["Dataset"] },
            Limit = take,
            IncludeFacets = false,
        }, cancellationToken);
        var datasets = await store.GetManyAsync<Dataset>(results.Hits.Select(h => h.Urn).ToList(), cancellationToken);
        var names = datasets.ToDictionary(d => d.Key, d => d.Value.Name);
        var cards = results.Hits.Where(h => datasets.ContainsKey(h.Urn)).Select(hit =>
        {
            var dataset = datasets[hit.Urn];
            var matchedColumns = hit.MatchedFields.Where(m => m.Field is "column" or "columnDescription").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            return new AgentSearchCard(
                DatasetCard.From(dataset, ColumnsPerCard, matchedColumns),
                hit.MatchedFields.Select(m => $"{m.Field} '{m.Value}': {StripTags(m.Snippet)}").Distinct().Take(6).ToList(),
                hit.RelatedUrns.Select(u => names.GetValueOrDefault(u)).OfType<string>().ToList());
        }).ToList();
        return new AgentSearchResult(query, (int)Math.Min(results.TotalCount, int.MaxValue), cards);
    }

    private static string StripTags(string snippet) => Tags().Replace(snippet, "");

    [GeneratedRegex("</?em>")]
    private static partial Regex Tags();
}

/// <summary>The answer of <c>search_datasets</c>.</summary>
public sealed record AgentSearchResult(string Query, int Total, IReadOnlyList<AgentSearchCard> Results);

/// <summary>One dataset found for an agent: its card, why it matched, and which other results it joins.</summary>
public sealed record AgentSearchCard(DatasetCard Dataset, IReadOnlyList<string> WhyMatched, IReadOnlyList<string> JoinsWith);

/// <summary>Request of <c>search_datasets</c>.</summary>
public sealed record SearchDatasetsRequest(string? Query, int? Limit);
