using TownLake.Search.Documents;

namespace TownLake.Search.Retrieval;

/// <summary>
/// One page of search results with the total count, facet counts over all matches, and — when a word of the query is
/// unknown to the index and a close one is known — the corrected query (<see cref="DidYouMean"/>).
/// <see cref="FacetCountsEstimated"/> says the facet counts were estimated from a sample of the matches (a question of
/// only common words matching more than <see cref="Indexing.SearchIndexOptions.ExactFacetCountLimit"/> documents);
/// <see cref="TotalCount"/> is always exact.
/// </summary>
public sealed record SearchResults(
    long TotalCount,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<SearchFacet, IReadOnlyList<FacetCount>> Facets,
    string? NextCursor,
    string? DidYouMean = null,
    bool FacetCountsEstimated = false);

/// <summary>One result: the document, its score and why it matched.</summary>
public sealed record SearchHit(
    SearchDocument Document,
    float Score,
    IReadOnlyList<MatchedField> MatchedFields,
    IReadOnlyList<string> RelatedUrns)
{
    public string Urn => Document.Urn;
}

/// <summary>
/// Why a result matched: the field (<c>name</c>, <c>column</c>, <c>columnDescription</c>, <c>description</c>,
/// <c>glossaryTerm</c>, <c>tag</c>, <c>schema</c>, <c>body</c>, <c>join</c>), the value that matched
/// (e.g. the column name) and a snippet with matches wrapped in <c>&lt;em&gt;</c>.
/// </summary>
public sealed record MatchedField(string Field, string Value, string Snippet);

/// <summary>A facet value and how many matching documents carry it.</summary>
public sealed record FacetCount(string Value, int Count);

/// <summary>A name completion for a prefix the user is typing.</summary>
public sealed record AutocompleteSuggestion(string Urn, string Name, SearchEntityType EntityType);
