using System.Text.Json;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Hosting.Errors;

/// <summary>
/// The one place an exception becomes the error a caller sees, for every face (REST and agent JSON, Marquez, GraphQL,
/// MCP). Broken catalog rules keep their code and message; the framework's own request errors (unreadable body, too
/// large, wrong media type) become 4xx; a caller who hung up is CANCELLED; anything else is logged with its stack and
/// reported as <see cref="CatalogError.Internal"/>, with nothing of its cause in the answer. A bare JsonException is one
/// of those: every place that reads a request body turns its parse errors into <see cref="CatalogError.MalformedJson"/>
/// (and minimal APIs into a <see cref="BadHttpRequestException"/>), so one that escapes came from our own data.
/// </summary>
public sealed class CatalogErrorMapper(ILogger<CatalogErrorMapper> logger)
{
    /// <param name="exception">What was thrown.</param>
    /// <param name="clientAborted">The request's own token is cancelled: the caller went away (not a timeout of ours).</param>
    public CatalogError Map(Exception exception, bool clientAborted)
    {
        switch (exception)
        {
            // A code outside the table (e.g. CatalogException's INTERNAL constructors) is not the caller's to fix: the
            // lineage API answered 500 for it, the agent and query APIs 400; 500 is right.
            case CatalogException catalog when ErrorCodes.StatusOf(catalog.Code) is < 500:
                return new CatalogError(catalog.Code, catalog.Message, catalog.Hint);
            case OperationCanceledException or IOException when clientAborted:
                logger.LogDebug("The caller went away before the answer was written");
                return new CatalogError(ErrorCodes.Cancelled, "The request was cancelled.");
            case CatalogException { Code: ErrorCodes.SourceUnavailable or ErrorCodes.StorageFull } catalog:
                return new CatalogError(catalog.Code, catalog.Message, catalog.Hint);
            case not null when StoreFaults.Classify(exception) is { } fault:
                // The store went away mid-request (PostgreSQL restarted) or its disk is full: the caller can retry later.
                logger.LogWarning("The catalog store failed while answering a request: {Message}", exception.Message);
                return new CatalogError(fault.Code, fault.Message, fault.Hint);
            case BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500:
                return FromBadHttpRequest(bad);
            case ArgumentException argument:
                // Kept from the GraphQL mapping, which has answered these as the caller's mistake since its first version;
                // the catalog's own rules throw CatalogException, so these come from libraries handed a caller's value.
                return new CatalogError(ErrorCodes.BadUserInput, argument.Message);
            default:
                logger.LogError(exception, "Unhandled error while answering a request");
                return CatalogError.Internal;
        }
    }

    private static CatalogError FromException(CatalogException exception) => new(exception.Code, exception.Message, exception.Hint);

    /// <summary>Kestrel's and minimal APIs' request errors: their messages describe the request, never our internals.</summary>
    private static CatalogError FromBadHttpRequest(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => new(ErrorCodes.PayloadTooLarge, bad.Message, "Send a smaller body, or split it into several requests."),
        StatusCodes.Status415UnsupportedMediaType => new(ErrorCodes.UnsupportedMediaType, bad.Message, "Send the body as application/json."),
        _ when bad.InnerException is JsonException json => FromException(CatalogError.MalformedJson(json)),
        _ => new(ErrorCodes.BadRequest, bad.Message),
    };
}
