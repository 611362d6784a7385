using System.Text.Json;
using System.Text.Json.Serialization;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Agents;

/// <summary>
/// The retrieval API for agents as plain JSON over HTTP (<c>POST /api/agent/&lt;tool&gt;</c>), the same tools the MCP
/// server offers. Answers are compact (nulls left out) so they fit an LLM's context; bad input is a 400 with a message.
/// </summary>
public static class AgentApis
{
    public const string Prefix = "/api/agent";

    /// <summary>How agent answers are written: camelCase, no nulls.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void MapAgentApis(this WebApplication app)
    {
        app.MapPost($"{Prefix}/search_datasets", async (HttpContext http, AgentSearch search) =>
            await HandleAsync<SearchDatasetsRequest>(http, async request => await search.SearchDatasetsAsync(request.Query, request.Limit, http.RequestAborted)))
            .WithName("AgentSearchDatasets").WithSummary("Datasets matching a question, as compact cards with the reasons they matched.");
        app.MapPost($"{Prefix}/get_dataset", async (HttpContext http, DatasetService datasets) =>
            await HandleAsync<GetDatasetRequest>(http, async request =>
            {
                var dataset = await datasets.FindByNameAsync(request.Dataset ?? throw CatalogException.BadInput("'dataset' is required (catalog.schema.table)."), http.RequestAborted)
                    ?? throw CatalogException.NotFound($"No dataset is named {InputEcho.Quote(request.Dataset)}.");
                return DatasetCard.From(dataset, request.MaxColumns ?? 200);
            })).WithName("AgentGetDataset").WithSummary("A dataset's card: description, owners, tags, terms and columns.");
    }

    /// <summary>Reads a JSON request, runs the tool, and maps catalog errors onto 400/403/404/409 with a message.</summary>
    public static async Task<IResult> HandleAsync<TRequest>(HttpContext http, Func<TRequest, Task<object>> tool) where TRequest : class
    {
        TRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<TRequest>(Json, http.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            return Error(StatusCodes.Status400BadRequest, "BAD_REQUEST", "The body must be a JSON object: " + ex.Message);
        }

        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, "BAD_REQUEST", "The body must be a JSON object.");
        }

        try
        {
            return Results.Json(await tool(request), Json);
        }
        catch (CatalogException ex)
        {
            return Error(ex.Code switch
            {
                "NOT_FOUND" => StatusCodes.Status404NotFound,
                "FORBIDDEN" => StatusCodes.Status403Forbidden,
                "CONFLICT" => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            }, ex.Code, ex.Message);
        }
    }

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, Json, statusCode: status);
}

/// <summary>Request of <c>get_dataset</c>.</summary>
public sealed record GetDatasetRequest(string? Dataset, int? MaxColumns);
