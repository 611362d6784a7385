using System.Text.Json;
using System.Text.Json.Nodes;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.Dbt;
using TownLake.Catalog.Lineage.Marquez;
using TownLake.Catalog.Lineage.OpenLineage;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Lineage;

/// <summary>
/// The plain HTTP face of lineage: OpenLineage ingestion and Marquez's lineage reads under <c>/api/v1</c> (so OpenLineage
/// producers and Marquez clients work unchanged), dbt manifest ingestion, and the agents' <c>get_lineage</c> tool.
/// Errors follow the one contract: the Marquez routes answer as Marquez does (<see cref="ErrorBodies.Marquez"/>), the
/// dbt and agent routes with <see cref="ErrorBodies.Rest"/>.
/// </summary>
public static class LineageHttpApi
{
    public static void MapLineageApis(this WebApplication app)
    {
        app.MapPost("/api/v1/lineage", PostEventAsync).WithName("PostOpenLineageEvent").WithSummary("Accepts an OpenLineage run event (Marquez-compatible).").WithErrorFace(ErrorFace.Marquez);
        app.MapGet("/api/v1/lineage", GetLineageAsync).WithName("GetMarquezLineage").WithSummary("Marquez lineage graph around a dataset or job node.").WithErrorFace(ErrorFace.Marquez);
        app.MapGet("/api/v1/column-lineage", GetColumnLineageAsync).WithName("GetMarquezColumnLineage").WithSummary("Marquez column lineage graph around a field, dataset or job node.").WithErrorFace(ErrorFace.Marquez);
        app.MapGet("/api/v1/events/lineage", ListEventsAsync).WithName("ListOpenLineageEvents").WithSummary("Stored OpenLineage events, newest first.").WithErrorFace(ErrorFace.Marquez);
        app.MapPost("/api/v1/dbt/manifest", PostDbtManifestAsync).WithName("PostDbtManifest").WithSummary("Ingests a dbt manifest.json (optionally with catalog.json).");
    }

    private static async Task<IResult> PostEventAsync(HttpContext http, OpenLineageIngestor ingestor, CallerResolver callers, Microsoft.Extensions.Options.IOptions<OpenLineageLimits> limits, CancellationToken cancellationToken)
    {
        var body = await OpenLineageBodyReader.ReadAsync(http.Request.Body, http.Request.ContentLength, limits.Value, cancellationToken);
        var result = await ingestor.IngestAsync(body, callers.Resolve(http), cancellationToken);
        return Results.Json(result, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetLineageAsync(string? nodeId, int? depth, MarquezLineageReader reader, CancellationToken cancellationToken) =>
        Results.Json(await reader.LineageAsync(nodeId, depth ?? MarquezLineageReader.DefaultDepth, cancellationToken));

    private static async Task<IResult> GetColumnLineageAsync(string? nodeId, int? depth, bool? withDownstream, MarquezLineageReader reader, CancellationToken cancellationToken) =>
        Results.Json(await reader.ColumnLineageAsync(nodeId, depth ?? MarquezLineageReader.DefaultDepth, withDownstream ?? false, cancellationToken));

    private static async Task<IResult> ListEventsAsync(int? limit, OpenLineage.ILineageEventLog store, CancellationToken cancellationToken)
    {
        var events = await store.ListLineageEventsAsync(null, limit ?? 100, cancellationToken);
        return Results.Json(new JsonObject
        {
            ["events"] = new JsonArray([.. events.Select(e => JsonNode.Parse(e.Payload))]),
            ["totalCount"] = events.Count,
        });
    }

    /// <summary>
    /// The body is either the manifest itself, or <c>{"manifest": {...}, "catalog": {...}, "connection": "name"}</c>;
    /// <c>?connection=</c> also sets the connection.
    /// </summary>
    private static async Task<IResult> PostDbtManifestAsync(HttpContext http, string? connection, DbtManifestIngestor ingestor, CallerResolver callers, CancellationToken cancellationToken)
    {
        var body = await ReadJsonAsync(http, cancellationToken) as JsonObject
            ?? throw CatalogException.BadInput("The body must be a dbt manifest.json object, or {\"manifest\": …, \"catalog\": …, \"connection\": …}.");
        var wrapped = body["manifest"] is JsonObject;
        var manifest = wrapped ? body["manifest"] : body;
        var catalog = wrapped ? body["catalog"] : null;
        connection ??= wrapped && body["connection"] is JsonValue value && value.TryGetValue<string>(out var named) ? named : null;
        return Results.Ok(await ingestor.IngestAsync(manifest, catalog, connection, callers.Resolve(http), cancellationToken));
    }

    private static async Task<IResult> GetLineageForAgentAsync(HttpContext http, LineageService lineage, CancellationToken cancellationToken)
    {
        var request = await ReadJsonAsync(http, cancellationToken) as JsonObject
            ?? throw CatalogException.BadInput("The body must be an object: {\"dataset\": \"catalog.schema.table\" | \"urn\": …, \"direction\", \"depth\", \"columns\"}.");
        var dataset = AgentString(request, "dataset");
        var urnText = AgentString(request, "urn");
        var urn = Datasets.GraphQL.DatasetOperations.DatasetUrn(dataset, urnText);
        var directionText = AgentString(request, "direction") ?? "both";
        var direction = Enum.TryParse<LineageDirection>(directionText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw CatalogException.BadInput($"direction must be upstream, downstream or both (got {InputEcho.Quote(directionText)}).");
        var depth = AgentInt(request, "depth") ?? 3;
        var columns = request["columns"] switch
        {
            null => false,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            _ => throw CatalogException.BadInput("columns must be true or false."),
        };
        var maxNodes = AgentInt(request, "maxNodes") ?? 200;
        return Results.Json(await AgentLineage.DescribeAsync(lineage, urn, direction, depth, columns, maxNodes, cancellationToken), AgentJson);
    }

    private static readonly JsonSerializerOptions AgentJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private static string? AgentString(JsonObject request, string name) => request[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw CatalogException.BadInput($"{name} must be a string."),
    };

    private static int? AgentInt(JsonObject request, string name) => request[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        _ => throw CatalogException.BadInput($"{name} must be an integer."),
    };

    private static async Task<JsonNode?> ReadJsonAsync(HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw CatalogError.MalformedJson(e);
        }
    }
}
