namespace TownLake.Search.Retrieval;

/// <summary>The dimensions results can be counted and filtered by.</summary>
public enum SearchFacet
{
    EntityType,
    Platform,
    Catalog,
    Schema,
    Domain,
    Tag,
    Owner,
    GlossaryTerm,
}

/// <summary>Field names behind each facet.</summary>
internal static class SearchFacetFields
{
    public static IReadOnlyList<SearchFacet> All { get; } = Enum.GetValues<SearchFacet>();

    /// <summary>Facets with at most one value per document, stored as sorted (not sorted-set) doc values: cheaper to count.</summary>
    public static bool IsSingleValued(SearchFacet facet) => facet is not (SearchFacet.Tag or SearchFacet.Owner or SearchFacet.GlossaryTerm);

    public static string FieldOf(SearchFacet facet) => facet switch
    {
        SearchFacet.EntityType => "f_type",
        SearchFacet.Platform => "f_platform",
        SearchFacet.Catalog => "f_catalog",
        SearchFacet.Schema => "f_schema",
        SearchFacet.Domain => "f_domain",
        SearchFacet.Tag => "f_tag",
        SearchFacet.Owner => "f_owner",
        SearchFacet.GlossaryTerm => "f_glossary",
        _ => throw new ArgumentOutOfRangeException(nameof(facet), facet, "Unknown facet."),
    };
}
