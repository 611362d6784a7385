namespace TownLake.Search.Retrieval;

/// <summary>A search: free text (empty browses everything), facet filters, and one page of results.</summary>
public sealed record SearchRequest
{
    /// <summary>Plain-English question or keywords; empty or whitespace lists everything (by signals).</summary>
    public string Query { get; init; } = "";

    /// <summary>Facet filters: values within one facet are OR-ed, facets are AND-ed.</summary>
    public IReadOnlyDictionary<SearchFacet, IReadOnlyList<string>> Filters { get; init; } =
        new Dictionary<SearchFacet, IReadOnlyList<string>>();

    /// <summary>
    /// The entity types searched (null: every type). Unlike a type filter it also bounds the facet counts, so a type
    /// outside it is never counted, not even as another value of a filtered type facet.
    /// </summary>
    public IReadOnlyList<string>? EntityTypes { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 10;

    /// <summary>Opaque cursor from a previous <see cref="SearchResults.NextCursor"/>; overrides <see cref="Offset"/>.</summary>
    public string? Cursor { get; init; }

    public bool IncludeFacets { get; init; } = true;

    /// <summary>Rerank datasets so tables of one schema that join each other come back together.</summary>
    public bool JoinAware { get; init; } = true;

    /// <summary>Compute highlighted snippets and matched fields for the page (costs a little per hit).</summary>
    public bool Explain { get; init; } = true;
}
