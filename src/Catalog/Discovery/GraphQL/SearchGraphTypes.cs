using GraphQL.Types;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;
using TownLake.Search.Documents;
using TownLake.Search.Retrieval;

namespace TownLake.Catalog.Discovery.GraphQL;

/// <summary>GraphQL type of a page of search results.</summary>
public sealed class SearchResultsGraphType : ObjectGraphType<SearchResults>
{
    public SearchResultsGraphType()
    {
        Name = "SearchResults";
        Description = "Search results with facet counts and the cursor of the next page.";
        Field<NonNullGraphType<IntGraphType>>("total").Description("All matches, on every page.").Resolve(c => (int)Math.Min(c.Source.TotalCount, int.MaxValue));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetGraphType>>>>("facets").Description("Counts of the matches per facet value; use them as filters.")
            .Resolve(c => c.Source.Facets.Select(f => new FacetOf(SearchFilters.FieldName(f.Key), f.Value.Select(v => new FacetCount(SearchFilters.DisplayValue(f.Key, v.Value), v.Count)).ToList())).ToList());
        Field<NonNullGraphType<BooleanGraphType>>("facetCountsEstimated")
            .Description("True when the facet counts are estimates: a question of only very common words matching more than 100,000 entities counts its facets over a spread sample of the matches, scaled to the total (which stays exact), so they add up to about the total. False: every count is exact.")
            .Resolve(c => c.Source.FacetCountsEstimated);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SearchResultGraphType>>>>("results").Description("This page's results, best first.").Resolve(c => c.Source.Hits);
        Field(r => r.NextCursor, nullable: true).Description("Pass as 'after' for the next page; null on the last page.");
        Field<StringGraphType>("didYouMean")
            .Description("The query with its misspelled words corrected from the catalog's own vocabulary (a word no entity has, replaced by the closest one that some have); null when every word is known. First page only.")
            .Resolve(c => c.Source.DidYouMean);
    }
}

/// <summary>GraphQL type of one search result.</summary>
public sealed class SearchResultGraphType : ObjectGraphType<SearchHit>
{
    public SearchResultGraphType()
    {
        Name = "SearchResult";
        Description = "One matching entity, its score, and why it matched.";
        Field<NonNullGraphType<EntityInterface>>("entity").Description("The matching dataset or glossary term.")
            .Resolve(c => c.Source.Document.EntityType switch
            {
                SearchEntityType.GlossaryTerm => c.LoadOne<GlossaryTerm>(c.Source.Urn, null),
                SearchEntityType.DocumentationPage => c.LoadOne<Documentation.Document>(c.Source.Urn, null),
                SearchEntityType.Job => c.LoadOne<Lineage.Job>(c.Source.Urn, null),
                _ => (object)c.LoadOne<Dataset>(c.Source.Urn, null),
            });
        Field<NonNullGraphType<FloatGraphType>>("score").Description("Relevance; higher is better (comparable within one search).").Resolve(c => (double)c.Source.Score);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("matchedFields").Description("Which fields matched: name, column, columnDescription, description, glossaryTerm, tag, schema, body, join.")
            .Resolve(c => c.Source.MatchedFields.Select(m => m.Field).Distinct().ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<HighlightGraphType>>>>("highlights").Description("Snippets showing the matches, with <em> around matched words.").Resolve(c => c.Source.MatchedFields);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("relatedUrns").Description("Other results this one joins with (for questions that need several tables).").Resolve(c => c.Source.RelatedUrns);
    }
}

/// <summary>GraphQL type of a highlighted match.</summary>
public sealed class HighlightGraphType : ObjectGraphType<MatchedField>
{
    public HighlightGraphType()
    {
        Name = "Highlight";
        Description = "A snippet of a matched field.";
        Field(m => m.Field).Description("The matched field: name, column, columnDescription, description, glossaryTerm, tag, …");
        Field(m => m.Value).Description("Which value matched, e.g. the column's name.");
        Field(m => m.Snippet).Description("The text with <em> around matched words.");
    }
}

/// <summary>A facet with its values, for GraphQL.</summary>
public sealed record FacetOf(string Field, IReadOnlyList<FacetCount> Values);

/// <summary>GraphQL type of a facet.</summary>
public sealed class FacetGraphType : ObjectGraphType<FacetOf>
{
    public FacetGraphType()
    {
        Name = "Facet";
        Description = "Counts of matches per value of one field.";
        Field(f => f.Field).Description("platform, catalog, schema, domain, tag, owner, glossaryTerm or type.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FacetValueGraphType>>>>("values").Description("Values with their counts, most frequent first.").Resolve(c => c.Source.Values);
    }
}

/// <summary>GraphQL type of a facet value.</summary>
public sealed class FacetValueGraphType : ObjectGraphType<FacetCount>
{
    public FacetValueGraphType()
    {
        Name = "FacetValue";
        Description = "One value of a facet and how many matches have it.";
        Field(f => f.Value).Description("The value; pass it in a SearchFilter to narrow.");
        Field(f => f.Count).Description("Matches with this value.");
    }
}

/// <summary>GraphQL type of an autocomplete suggestion.</summary>
public sealed class AutocompleteSuggestionGraphType : ObjectGraphType<AutocompleteSuggestion>
{
    public AutocompleteSuggestionGraphType()
    {
        Name = "AutocompleteSuggestion";
        Description = "A name that starts with (or has a word starting with) the typed prefix.";
        Field(s => s.Name).Description("The entity's name.");
        Field<NonNullGraphType<IdGraphType>>("urn").Description("The entity's URN.").Resolve(c => c.Source.Urn);
        Field<NonNullGraphType<EntityTypeEnum>>("type").Description("The entity's type.")
            .Resolve(c => c.Source.EntityType switch
            {
                SearchEntityType.GlossaryTerm => EntityType.GlossaryTerm,
                SearchEntityType.DocumentationPage => EntityType.Document,
                _ => EntityType.Dataset,
            });
    }
}

/// <summary>GraphQL input narrowing a search to facet values.</summary>
public sealed class SearchFilterInputType : InputObjectGraphType<SearchFilterInput>
{
    public SearchFilterInputType()
    {
        Name = "SearchFilter";
        Description = "Keep results whose field has one of the values (values of one field are OR-ed, fields are AND-ed).";
        Field<NonNullGraphType<StringGraphType>>("field").Description("platform, catalog, schema (catalog.schema), domain, tag, owner, glossaryTerm or type.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("values").Description("Accepted values.");
    }
}

/// <summary>The CLR shape of <see cref="SearchFilterInputType"/>.</summary>
public sealed class SearchFilterInput
{
    public string Field { get; set; } = "";
    public List<string> Values { get; set; } = [];
}
