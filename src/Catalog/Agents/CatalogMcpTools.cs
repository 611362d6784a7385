using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Datasets.GraphQL;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Queries;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Agents;

/// <summary>
/// The catalog's tools for agents over MCP (streamable HTTP at <c>/mcp</c>): the same answers as the JSON API under
/// <c>/api/agent/</c>, written as JSON text for the model.
/// </summary>
[McpServerToolType]
public sealed class CatalogMcpTools(DatasetService datasets, AgentSearch search, LineageService lineage, QueryFront queries, CallerResolver callers, IHttpContextAccessor http)
{
    [McpServerTool(Name = "search_datasets", ReadOnly = true), Description("Find the datasets (tables, views, files) that answer a question. Returns cards with the most relevant columns, why each matched, and which results join each other. Ask in plain English, e.g. 'annual recurring revenue per account'.")]
    public async Task<string> SearchDatasetsAsync(
        [Description("The question or words to search for.")] string query,
        [Description("How many datasets (1-25, default 10).")] int? limit = null,
        CancellationToken cancellationToken = default) =>
        await Guard(async () => JsonSerializer.Serialize(await search.SearchDatasetsAsync(query, limit, cancellationToken), AgentApis.Json));

    [McpServerTool(Name = "get_dataset", ReadOnly = true), Description("Get one dataset's card: description, owners, tags, glossary terms, and its columns with types, keys and joins. Use the full name catalog.schema.table.")]
    public async Task<string> GetDatasetAsync(
        [Description("The dataset's name, catalog.schema.table, e.g. demo.fct.billings_allocated")] string dataset,
        CancellationToken cancellationToken = default)
    {
        return await Guard(async () =>
        {
            var found = await datasets.FindByNameAsync(dataset, cancellationToken) ?? throw CatalogException.NotFound($"No dataset is named {InputEcho.Quote(dataset)}.");
            return JsonSerializer.Serialize(DatasetCard.From(found, 200), AgentApis.Json);
        });
    }

    [McpServerTool(Name = "get_lineage", ReadOnly = true), Description("Where a dataset's data comes from (upstream) and what it feeds (downstream), with the SQL expression behind each column when columns=true.")]
    public async Task<string> GetLineageAsync(
        [Description("The dataset's name, catalog.schema.table.")] string dataset,
        [Description("upstream, downstream or both (default both).")] string? direction = null,
        [Description("How many hops (default 3).")] int? depth = null,
        [Description("Include column-level edges (default false).")] bool? columns = null,
        CancellationToken cancellationToken = default)
    {
        return await Guard(async () =>
        {
            var urn = DatasetOperations.DatasetUrn(dataset, null);
            var way = Enum.TryParse<LineageDirection>(direction ?? "both", ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw CatalogException.BadInput($"direction must be upstream, downstream or both (got {InputEcho.Quote(direction)}).");
            return JsonSerializer.Serialize(await AgentLineage.DescribeAsync(lineage, urn, way, depth ?? 3, columns ?? false, 200, cancellationToken), AgentApis.Json);
        });
    }

    [McpServerTool(Name = "start_query"), Description("Run a read-only SQL SELECT over catalog datasets (names like demo.fct.billings_allocated) as the calling user. Returns the run's id; then call fetch_results.")]
    public async Task<string> StartQueryAsync([Description("One SELECT statement.")] string sql, CancellationToken cancellationToken) =>
        await Guard(async () => JsonSerializer.Serialize(QueryApis.RunJson(await queries.StartAsync(sql, Caller(), cancellationToken)), AgentApis.Json));

    [McpServerTool(Name = "fetch_results", ReadOnly = true), Description("Wait for a query run to finish and return compact rows (with a note of what was cut), or its error with line and column.")]
    public async Task<string> FetchResultsAsync(
        [Description("The run id from start_query.")] string id,
        [Description("First row (default 0).")] int? offset = null,
        [Description("Rows (1-200, default 50).")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        return await Guard(async () =>
        {
            var caller = Caller();
            var run = await queries.WaitAsync(id, caller, cancellationToken) ?? throw CatalogException.NotFound($"No query run {InputEcho.Quote(id)}: it is unknown, not yours, or expired.");
            if (run.Error is not null)
            {
                return JsonSerializer.Serialize(new { run = QueryApis.RunJson(run) }, AgentApis.Json);
            }

            var rows = limit ?? QueryApis.InjectDefaultRows;
            if (rows is < 1 or > QueryApis.InjectMaxRows)
            {
                throw CatalogException.BadInput($"'limit' must be between 1 and {QueryApis.InjectMaxRows}.");
            }

            var page = await queries.ResultsAsync(id, offset ?? 0, rows, QueryApis.InjectMaxRows, caller, cancellationToken);
            return JsonSerializer.Serialize(new { run = QueryApis.RunJson(run), rows = QueryApis.Compact(page) }, AgentApis.Json);
        });
    }

    /// <summary>Catalog errors reach the agent as tool errors with their message (the SDK hides other exceptions' text).</summary>
    private static async Task<string> Guard(Func<Task<string>> tool)
    {
        try
        {
            return await tool();
        }
        catch (CatalogException ex)
        {
            throw new McpException($"{ex.Code}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not McpException)
        {
            throw new McpException("INTERNAL: " + ex.Message, ex);
        }
    }

    private Caller Caller() => http.HttpContext is { } context ? callers.Resolve(context) : Users.Caller.Anonymous;
}
