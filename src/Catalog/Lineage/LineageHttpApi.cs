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
/// producers and Marquez clients work unchanged) and dbt manifest ingestion.
/// Errors follow the one contract: the Marquez routes answer as Marquez does (<see cref="ErrorBodies.Marquez"/>), the
/// dbt route with <see cref="ErrorBodies.Rest"/>.
/// </summary>
public static class LineageHttpApi
{
    public static void MapLineageApis(this WebApplication app)
    {
        app.MapPost("/api/v1/lineage", PostEventAsync).WithName("PostOpenLineageEvent").WithSummary("Accepts an OpenLineage run event (Marquez-compatible).").WithErrorFace(ErrorFace.Marquez);
        app.MapGet("/api/v1/lineage", GetLineageAsync).WithName("GetMarquezLineage").WithSummary("Marquez lineage graph around a dataset or job node.").WithErrorFace(ErrorFace.Marquez);
        app.MapGet("/api/v1/column-lineage", GetColumnLineageAsync).WithName("GetMarquezColumnLineage").WithSummary("Marquez column lineage graph around a field, dataset or job node.").WithErrorFace(ErrorFace.Marquez);
        app.MapGet("/api/v1/events/lineage", ListEventsAsync).WithName("ListOpenLineageEvents").WithSummary("Stored OpenLineage events, newest first.").WithErrorFace(ErrorFace.Marquez);
        app.MapMarquezReadApi();
        app.MapPost("/api/v1/dbt/manifest", PostDbtManifestAsync).WithName("PostDbtManifest").WithSummary("Ingests a dbt manifest.json (optionally with catalog.json).");
    }

    private static async Task<IResult> PostEventAsync(HttpContext http, OpenLineageIngestor ingestor, CallerResolver callers, Microsoft.Extensions.Options.IOptions<OpenLineageLimits> limits, CancellationToken cancellationToken)
    {
        var body = await OpenLineageBodyReader.ReadAsync(http.Request.Body, http.Request.ContentLength, http.Request.Headers.ContentEncoding.ToString(), limits.Value, cancellationToken);
        var result = await ingestor.IngestAsync(body, callers.Resolve(http), cancellationToken);
        return Results.Json(result, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetLineageAsync(HttpContext http, string? nodeId, int? depth, MarquezLineageReader reader, MarquezReadService marquez, CallerResolver callers, CancellationToken cancellationToken) =>
        Results.Json(await marquez.CompleteGraphAsync(callers.Resolve(http), await reader.LineageAsync(nodeId, depth ?? MarquezLineageReader.DefaultDepth, cancellationToken), cancellationToken));

    private static async Task<IResult> GetColumnLineageAsync(string? nodeId, int? depth, bool? withDownstream, MarquezLineageReader reader, CancellationToken cancellationToken) =>
        Results.Json(await reader.ColumnLineageAsync(nodeId, depth ?? MarquezLineageReader.DefaultDepth, withDownstream ?? false, cancellationToken));

    /// <summary>
    /// Marquez's event listing: <c>before</c> / <c>after</c> (RFC 3339; after ≤ eventTime &lt; before), <c>sortDirection</c>
    /// (desc, the default, or asc), <c>limit</c> (default 100, at most 1000) and <c>offset</c>; <c>totalCount</c> counts
    /// every event in the window, not just the page.
    /// </summary>
    private static async Task<IResult> ListEventsAsync(string? before, string? after, string? sortDirection, string? limit, string? offset,
        OpenLineage.ILineageEventLog store, CancellationToken cancellationToken)
    {
        var query = new LineageEventQuery
        {
            Before = QueryTime("before", before),
            After = QueryTime("after", after),
            Ascending = (sortDirection?.Trim().ToLowerInvariant()) switch
            {
                null or "" or "desc" => false,
                "asc" => true,
                _ => throw CatalogException.BadInput($"sortDirection must be asc or desc (got {InputEcho.Quote(sortDirection)})."),
            },
            Limit = QueryInt("limit", limit, 100, 0, LineageEventQuery.MaxLimit),
            Offset = QueryInt("offset", offset, 0, 0, int.MaxValue),
        };
        if (query.Before is { } b && query.After is { } a && a > b)
        {
            throw CatalogException.BadInput("after must not be later than before.");
        }

        var page = await store.PageLineageEventsAsync(query, cancellationToken);
        return Results.Json(new JsonObject
        {
            ["events"] = new JsonArray([.. page.Events.Select(e => JsonNode.Parse(e.Payload))]),
            ["totalCount"] = page.TotalCount,
        });
    }

    /// <summary>An optional date-time query parameter (RFC 3339, as OpenLineage event times), or a 400 naming it.</summary>
    internal static DateTimeOffset? QueryTime(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return OpenLineageEventReader.EventTime(text.Trim());
        }
        catch (CatalogException)
        {
            throw CatalogException.BadInput($"{name} must be an RFC 3339 date-time with an offset, e.g. 2026-11-20T10:00:00Z (got {InputEcho.Quote(text)}).");
        }
    }

    /// <summary>An optional integer query parameter within bounds, or a 400 naming it and the bounds.</summary>
    internal static int QueryInt(string name, string? text, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw CatalogException.BadInput($"{name} must be a whole number from {min} to {max:N0} (got {InputEcho.Quote(text)}).");
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
