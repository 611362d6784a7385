using TownLake.Catalog.Identity;
using TownLake.Search.Retrieval;

namespace TownLake.Catalog.Discovery.GraphQL;

/// <summary>Translates the API's facet names and values to the search library's, and back.</summary>
public static class SearchFilters
{
    private static readonly Dictionary<string, SearchFacet> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["type"] = SearchFacet.EntityType,
        ["entityType"] = SearchFacet.EntityType,
        ["platform"] = SearchFacet.Platform,
        ["catalog"] = SearchFacet.Catalog,
        ["schema"] = SearchFacet.Schema,
        ["domain"] = SearchFacet.Domain,
        ["tag"] = SearchFacet.Tag,
        ["owner"] = SearchFacet.Owner,
        ["glossaryTerm"] = SearchFacet.GlossaryTerm,
    };

    public static string FieldName(SearchFacet facet) => facet switch
    {
        SearchFacet.EntityType => "type",
        SearchFacet.GlossaryTerm => "glossaryTerm",
        _ => facet.ToString().ToLowerInvariant(),
    };

    public static string DisplayValue(SearchFacet facet, string value) => facet == SearchFacet.EntityType
        ? value switch { "Dataset" => "DATASET", "GlossaryTerm" => "GLOSSARY_TERM", "DocumentationPage" => "DOCUMENT", "Job" => "JOB", _ => value.ToUpperInvariant() }
        : value;

    public static Dictionary<SearchFacet, IReadOnlyList<string>> Build(IEnumerable<SearchFilterInput>? filters)
    {
        var result = new Dictionary<SearchFacet, IReadOnlyList<string>>();
        foreach (var filter in filters ?? [])
        {
            if (!Fields.TryGetValue(filter.Field, out var facet))
            {
                throw CatalogException.BadInput($"{InputEcho.Quote(filter.Field)} is not a search filter; use one of {string.Join(", ", Fields.Keys.Where(k => k != "entityType"))}.");
            }

            var values = filter.Values.Select(v => LibraryValue(facet, v)).ToList();
            result[facet] = result.TryGetValue(facet, out var existing) ? [.. existing, .. values] : values;
        }

        return result;
    }

    /// <summary>The entity types a search is scoped to (its <c>types</c> argument), in the search library's names; null for none.</summary>
    public static IReadOnlyList<string>? Scope(IEnumerable<EntityType>? types)
    {
        var values = (types ?? []).Select(t => t switch
        {
            EntityType.Dataset => "Dataset",
            EntityType.GlossaryTerm => "GlossaryTerm",
            EntityType.Document => "DocumentationPage",
            EntityType.Job => "Job",
            _ => throw CatalogException.BadInput($"Search finds datasets, glossary terms, documents and jobs, not {t}."),
        }).Distinct().ToList();
        return values.Count > 0 ? values : null;
    }

    private static string LibraryValue(SearchFacet facet, string value) => facet switch
    {
        SearchFacet.EntityType => value.ToUpperInvariant() switch
        {
            "DATASET" => "Dataset",
            "GLOSSARY_TERM" or "GLOSSARYTERM" => "GlossaryTerm",
            "DOCUMENT" => "DocumentationPage",
            "JOB" => "Job",
            _ => throw CatalogException.BadInput($"{InputEcho.Quote(value)} is not a searchable type; use DATASET, GLOSSARY_TERM, DOCUMENT or JOB."),
        },
        SearchFacet.Schema => value.ToLowerInvariant(),
        _ => value,
    };
}
