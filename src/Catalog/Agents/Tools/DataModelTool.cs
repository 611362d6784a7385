using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Discovery;
using TownLake.Catalog.Documentation;
using TownLake.Catalog.Identity;
using TownLake.Search.Retrieval;

namespace TownLake.Catalog.Agents.Tools;

/// <summary>
/// <c>get_data_model</c>: the curated documentation page that explains a domain's data (which tables, which grain,
/// which column means what), found by topic, to read before writing SQL there; the page's text is cut to the budget
/// and the other pages on the topic are listed by title.
/// </summary>
public sealed class DataModelTool(CatalogSearch search, IEntityStore store, AnswerFitter fitter)
{
    public AgentTool Tool => new(
        "get_data_model",
        "Data model page",
        "The curated data-model page for a topic or domain (e.g. 'billing', 'zones'): what the tables are, their grain, how they join and which columns mean what. Read it before writing SQL on that domain. Other pages on the topic are listed by title; pass a title as 'topic' to read one.",
        [AgentToolParameter.String("topic", "A domain, subject or page title.", required: true, example: "billing revenue") with { MaxLength = SearchQueryLimit.MaxLength }],
        RunAsync)
    {
        Example = "get_data_model({ topic: \"billing\" })",
    };

    private async Task<object> RunAsync(AgentToolCall call)
    {
        var topic = call.Arguments.RequiredString("topic");
        var exact = await store.GetAsync<Document>(Urn.Document(Document.SlugOf(topic)), call.CancellationToken);
        var results = await search.SearchAsync(new SearchRequest
        {
            Query = topic,
            Filters = new Dictionary<SearchFacet, IReadOnlyList<string>> { [SearchFacet.EntityType] = ["Document"] },
            Limit = 10,
            IncludeFacets = false,
        }, call.CancellationToken);
        var found = await store.GetManyAsync<Document>(results.Hits.Select(h => h.Urn).ToList(), call.CancellationToken);
        var pages = results.Hits.Select(h => found.GetValueOrDefault(h.Urn)).OfType<Document>().Where(p => !p.Removed).ToList();
        if (exact is { Removed: false })
        {
            pages.RemoveAll(p => p.Urn == exact.Urn);
            pages.Insert(0, exact);
        }

        if (pages.Count == 0)
        {
            throw new CatalogException(Hosting.Errors.ErrorCodes.NotFound, $"No data-model page matches {InputEcho.Quote(topic)}.")
            {
                Hint = "Try a broader topic, or read the datasets themselves with search_datasets and get_entity_details.",
            };
        }

        var page = pages[0];
        object Render(int chars) => new
        {
            title = page.Name,
            datasets = page.RelatedDatasets,
            body = AnswerFitter.Clip(page.Body, chars),
            truncated = page.Body.Length > chars ? true : (bool?)null,
            bodyLength = page.Body.Length,
            otherPages = pages.Count > 1 ? pages.Skip(1).Take(8).Select(p => p.Name).ToList() : null,
            hint = page.Body.Length > chars ? "The page was cut at the budget: raise 'budget' to read more." : null,
        };
        return Render(fitter.Largest(page.Body.Length, Render, call.Budget));
    }
}
