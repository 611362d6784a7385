using System.Text.Json;
using System.Text.Json.Serialization;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Agents;

/// <summary>
/// The retrieval API for agents as plain JSON over HTTP (<c>POST /api/agent/&lt;tool&gt;</c>), the same tools the MCP
/// server offers. Answers are compact (nulls left out) so they fit an LLM's context; errors follow the one contract (<see cref="ErrorBodies.Rest"/>).
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
                var dataset = await datasets.GetByNameAsync(request.Dataset ?? throw CatalogException.BadInput("'dataset' is required (catalog.schema.table)."), http.RequestAborted);
                return DatasetCard.From(dataset, request.MaxColumns ?? 200);
            })).WithName("AgentGetDataset").WithSummary("A dataset's card: description, owners, tags, terms and columns.");
    }

    /// <summary>Reads a JSON request and runs the tool; what it throws is answered by <see cref="CatalogErrorMiddleware"/>.</summary>
    public static async Task<IResult> HandleAsync<TRequest>(HttpContext http, Func<TRequest, Task<object>> tool) where TRequest : class
    {
        TRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<TRequest>(Json, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            throw CatalogError.MalformedJson(ex);
        }
        catch (InvalidOperationException)
        {
            // ReadFromJsonAsync refuses a body whose content type is not JSON.
            throw new CatalogException(ErrorCodes.UnsupportedMediaType, "The body must be JSON.") { Hint = "Send the body as application/json." };
        }

        return Results.Json(await tool(request ?? throw CatalogError.NotAnObject()), Json);
    }
}

/// <summary>Request of <c>get_dataset</c>.</summary>
public sealed record GetDatasetRequest(string? Dataset, int? MaxColumns);
