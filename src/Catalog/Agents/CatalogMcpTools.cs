using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Server;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Agents;

/// <summary>
/// The catalog's tools for agents over MCP (streamable HTTP at <c>/mcp</c>): the same answers as the JSON API under
/// <c>/api/agent/</c>, written as JSON text for the model.
/// </summary>
[McpServerToolType]
public sealed class CatalogMcpTools(DatasetService datasets, AgentSearch search)
{
    [McpServerTool(Name = "search_datasets", ReadOnly = true), Description("Find the datasets (tables, views, files) that answer a question. Returns cards with the most relevant columns, why each matched, and which results join each other. Ask in plain English, e.g. 'annual recurring revenue per account'.")]
    public async Task<string> SearchDatasetsAsync(
        [Description("The question or words to search for.")] string query,
        [Description("How many datasets (1-25, default 10).")] int? limit,
        CancellationToken cancellationToken) =>
        JsonSerializer.Serialize(await search.SearchDatasetsAsync(query, limit, cancellationToken), AgentApis.Json);

    [McpServerTool(Name = "get_dataset", ReadOnly = true), Description("Get one dataset's card: description, owners, tags, glossary terms, and its columns with types, keys and joins. Use the full name catalog.schema.table.")]
    public async Task<string> GetDatasetAsync(
        [Description("The dataset's name, catalog.schema.table, e.g. demo.fct.billings_allocated")] string dataset,
        CancellationToken cancellationToken)
    {
        var found = await datasets.FindByNameAsync(dataset, cancellationToken) ?? throw CatalogException.NotFound($"No dataset is named {dataset}.");
        return JsonSerializer.Serialize(DatasetCard.From(found, 200), AgentApis.Json);
    }
}
