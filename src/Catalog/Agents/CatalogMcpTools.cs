using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Datasets.GraphQL;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.QueryFront;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Agents;

/// <summary>
/// The catalog's tools for agents over MCP (streamable HTTP at <c>/mcp</c>): the same answers as the JSON API under
/// <c>/api/agent/</c>, written as JSON text for the model. A failure is an <c>isError</c> result whose text is the REST
/// error body (<see cref="ErrorBodies.ToolResult"/>), so an agent reads the same code and message on either face.
/// </summary>
[McpServerToolType]
public sealed class CatalogMcpTools(DatasetService datasets, AgentSearch search, LineageService lineage, QueryFrontService queries, CallerResolver callers, IHttpContextAccessor http, CatalogErrorMapper errors)
{
    [McpServerTool(Name = "search_datasets", ReadOnly = true), Description("Find the datasets (tables, views, files) that answer a question. Returns cards with the most relevant columns, why each matched, and which results join each other. Ask in plain English, e.g. 'annual recurring revenue per account'.")]
    public async Task<CallToolResult> SearchDatasetsAsync(
        [Description("The question or words to search for.")] string query,
        [Description("How many datasets (1-25, default 10).")] int? limit = null,
        CancellationToken cancellationToken = default) =>
        await RunAsync(async () => await search.SearchDatasetsAsync(query, limit, cancellationToken), cancellationToken);

    [McpServerTool(Name = "get_dataset", ReadOnly = true), Description("Get one dataset's card: description, owners, tags, glossary terms, and its columns with types, keys and joins. Use the full name catalog.schema.table.")]
    public async Task<CallToolResult> GetDatasetAsync(
        [Description("The dataset's name, catalog.schema.table, e.g. demo.fct.billings_allocated")] string dataset,
        CancellationToken cancellationToken = default)
    {
        return await RunAsync(async () => DatasetCard.From(await datasets.GetByNameAsync(dataset, cancellationToken), 200), cancellationToken);
    }

    [McpServerTool(Name = "get_lineage", ReadOnly = true), Description("Where a dataset's data comes from (upstream) and what it feeds (downstream), with the SQL expression behind each column when columns=true.")]
    public async Task<CallToolResult> GetLineageAsync(
        [Description("The dataset's name, catalog.schema.table.")] string dataset,
        [Description("upstream, downstream or both (default both).")] string? direction = null,
        [Description("How many hops (default 3).")] int? depth = null,
        [Description("Include column-level edges (default false).")] bool? columns = null,
        CancellationToken cancellationToken = default)
    {
        return await RunAsync(async () =>
        {
            var urn = DatasetOperations.DatasetUrn(dataset, null);
            var way = Enum.TryParse<LineageDirection>(direction ?? "both", ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw CatalogException.BadInput($"direction must be upstream, downstream or both (got {InputEcho.Quote(direction)}).");
            return await AgentLineage.DescribeAsync(lineage, urn, way, depth ?? 3, columns ?? false, 200, cancellationToken);
        }, cancellationToken);
    }

    [McpServerTool(Name = "start_query"), Description("Run a read-only SQL SELECT over catalog datasets (names like demo.fct.billings_allocated) as the calling user. Returns the run's id; then call fetch_results.")]
    public async Task<CallToolResult> StartQueryAsync([Description("One SELECT statement.")] string sql, CancellationToken cancellationToken) =>
        await RunAsync(async () => QueryApis.RunJson(await queries.StartAsync(sql, Caller(), cancellationToken)), cancellationToken);

    [McpServerTool(Name = "fetch_results", ReadOnly = true), Description("Wait for a query run to finish and return compact rows (with a note of what was cut), or its error with line and column.")]
    public async Task<CallToolResult> FetchResultsAsync(
        [Description("The run id from start_query.")] string id,
        [Description("First row (default 0).")] int? offset = null,
        [Description("Rows (1-200, default 50).")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        return await RunAsync(async () =>
        {
            var caller = Caller();
            var run = await queries.WaitAsync(id, caller, cancellationToken) ?? throw QueryApis.UnknownRun(id);
            if (run.Error is not null)
            {
                return new { run = QueryApis.RunJson(run) };
            }

            var rows = limit ?? QueryApis.InjectDefaultRows;
            if (rows is < 1 or > QueryApis.InjectMaxRows)
            {
                throw CatalogException.BadInput($"'limit' must be between 1 and {QueryApis.InjectMaxRows}.");
            }

            var page = await queries.ResultsAsync(id, offset ?? 0, rows, QueryApis.InjectMaxRows, caller, cancellationToken);
            return (object)new { run = QueryApis.RunJson(run), rows = QueryApis.Compact(page) };
        }, cancellationToken);
    }

    /// <summary>
    /// Runs a tool and writes its answer as JSON text, or its failure as an <c>isError</c> result mapped like every other
    /// face. Returned rather than thrown: the SDK would replace the text of anything but an McpException, and prefix that.
    /// </summary>
    private async Task<CallToolResult> RunAsync<T>(Func<Task<T>> tool, CancellationToken cancellationToken)
    {
        try
        {
            return new CallToolResult { Content = [new TextContentBlock { Text = JsonSerializer.Serialize<object?>(await tool(), AgentApis.Json) }] };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ErrorBodies.ToolResult(errors.Map(ex, clientAborted: false));
        }
    }

    private Caller Caller() => http.HttpContext is { } context ? callers.Resolve(context) : Users.Caller.Anonymous;
}
