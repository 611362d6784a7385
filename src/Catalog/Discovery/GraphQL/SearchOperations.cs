using GraphQL;
using GraphQL.Types;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;
using TownLake.Search.Retrieval;

namespace TownLake.Catalog.Discovery.GraphQL;

/// <summary>The search queries of the GraphQL schema.</summary>
public static class SearchOperations
{
    public const int MaxPageSize = 100;

    public static void AddSearchQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<SearchResultsGraphType>>("search").Description("Finds datasets, glossary terms and documentation pages from words or a plain-English question.")
            .Argument<NonNullGraphType<StringGraphType>>("query", "Words or a question, e.g. 'monthly revenue per customer'.")
            .Argument<ListGraphType<NonNullGraphType<EntityTypeEnum>>>("types", "Only these entity types (DATASET, GLOSSARY_TERM, DOCUMENT, JOB); without it, datasets, terms and documents.")
            .Argument<ListGraphType<NonNullGraphType<SearchFilterInputType>>>("filters", "Facet filters.")
            .Argument<IntGraphType>("first", "Page size (default 10, at most 100).", a => a.DefaultValue = 10)
            .Argument<StringGraphType>("after", "The previous page's nextCursor.")
            .ResolveAsync(async c =>
            {
                var first = c.GetArgument("first", 10);
                if (first is < 1 or > MaxPageSize)
                {
                    throw CatalogException.BadInput($"'first' must be between 1 and {MaxPageSize}.");
                }

                var text = SearchQueryLimit.Require(c.GetArgument<string>("query"));

                return await c.Service<CatalogSearch>().SearchAsync(new SearchRequest
                {
                    Query = text,
                    Filters = SearchFilters.Build(c.GetArgument<List<SearchFilterInput>?>("filters")),
                    EntityTypes = SearchFilters.Scope(c.GetArgument<List<EntityType>?>("types")),
                    Limit = first,
                    Cursor = c.GetArgument<string?>("after"),
                    // Facet counting is a third of a search's cost: only pay for it when the caller selected facets.
                    IncludeFacets = c.SubFields?.ContainsKey("facets") ?? true,
                }, c.CancellationToken);
            });
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AutocompleteSuggestionGraphType>>>>("autocomplete").Description("Names completing a prefix, for search boxes.")
            .Argument<NonNullGraphType<StringGraphType>>("prefix", "What was typed so far.")
            .Argument<IntGraphType>("limit", "How many (default 10, at most 50).", a => a.DefaultValue = 10)
            .ResolveAsync(async c =>
            {
                var limit = c.GetArgument("limit", 10);
                if (limit is < 1 or > 50)
                {
                    throw CatalogException.BadInput("'limit' must be between 1 and 50.");
                }

                return await c.Service<CatalogSearch>().AutocompleteAsync(SearchQueryLimit.Require(c.GetArgument<string>("prefix"), "prefix"), limit, c.CancellationToken);
            });
    }
}
