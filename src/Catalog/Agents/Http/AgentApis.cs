using System.Text.Json;
using System.Text.Json.Nodes;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Agents.Http;

/// <summary>
/// The agent tools as plain JSON over HTTP: <c>POST /api/agent/&lt;tool&gt;</c> with the tool's arguments as a JSON
/// object, answered with the same JSON the MCP tool returns (200), or the one error body with its status.
/// </summary>
public static class AgentApis
{
    public const string Prefix = "/api/agent";

    public static void MapAgentApis(this WebApplication app)
    {
        app.MapPost(Prefix + "/{tool}", RunAsync).WithName("AgentTool").WithTags("Agent")
            .WithSummary("Runs an agent tool (search_datasets, get_entity_details, list_schema_fields, get_lineage, get_data_model, start_query, fetch_results, cancel_query, remember, recall, forget, search_tools, execute) as the caller.");
    }

    private static async Task<IResult> RunAsync(string tool, HttpContext http, AgentToolRunner runner, AgentToolCatalog catalog, CallerResolver callers)
    {
        if (catalog.Find(tool) is null)
        {
            throw new CatalogException(ErrorCodes.NotFound, $"There is no agent tool {InputEcho.Quote(tool)}.") { Hint = $"The tools are {string.Join(", ", catalog.Tools.Select(t => t.Name))}." };
        }

        if (http.Request.HasJsonContentType() is false)
        {
            throw new CatalogException(ErrorCodes.UnsupportedMediaType, "The body must be JSON.") { Hint = "Send the arguments as one JSON object, with Content-Type: application/json." };
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException ex)
        {
            throw CatalogError.MalformedJson(ex);
        }

        var arguments = body as JsonObject ?? throw CatalogError.NotAnObject();
        var answer = await runner.RunAsync(tool, arguments, callers.Resolve(http), "json", null, http.RequestAborted);
        return answer.Error is { } error
            ? Results.Json(ErrorBodies.Rest(error), AgentJson.Options, statusCode: error.Status)
            : Results.Text(answer.Json!, "application/json; charset=utf-8");
    }
}
