namespace TownLake.Catalog.Hosting.Errors;

/// <summary>
/// The machine-readable error codes every face reports (GraphQL <c>extensions.code</c>, <c>error.code</c> in REST and
/// agent JSON and MCP tool errors, <c>details</c> in Marquez errors), and the one HTTP status each code answers with.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The request itself cannot be read: not JSON, not the expected shape, a bad query-string value.</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>The request was read but a value in it breaks a rule (a malformed name, a bad argument).</summary>
    public const string BadUserInput = "BAD_USER_INPUT";

    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string TooManyRequests = "TOO_MANY_REQUESTS";

    /// <summary>The caller has as many queries running and queued as the query front allows one user (retry later).</summary>
    public const string QueryQuotaExceeded = "QUERY_QUOTA_EXCEEDED";

    /// <summary>
    /// Governance refused access: a dataset is not approved or not granted to the caller, a column is pending review,
    /// or PII was asked for without a grant. The message names the dataset and how to request access.
    /// </summary>
    public const string AccessDenied = "ACCESS_DENIED";

    /// <summary>A Code Mode script threw, did not parse, or called a tool wrongly (agent face; the message says where).</summary>
    public const string ScriptFailed = "SCRIPT_FAILED";

    /// <summary>A Code Mode script broke a sandbox limit (time, statements, memory, recursion, tool calls) and was stopped.</summary>
    public const string ScriptLimitExceeded = "SCRIPT_LIMIT_EXCEEDED";

    /// <summary>The caller went away before the answer was ready (logged at debug level, never as an error).</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>
    /// The catalog's store (or another source the request needs) cannot be reached right now; the service recovers by
    /// itself when it is back (retry later).
    /// </summary>
    public const string SourceUnavailable = "SOURCE_UNAVAILABLE";

    /// <summary>The disk under the catalog's data is full: the write was refused whole (nothing of it was kept).</summary>
    public const string StorageFull = "STORAGE_FULL";

    /// <summary>Anything the caller cannot fix. The message never says more than that it was logged.</summary>
    public const string Internal = "INTERNAL_SERVER_ERROR";

    /// <summary>The status a code answers with; null for a code this table does not know (the mapper treats it as internal).</summary>
    public static int? StatusOf(string code) => code switch
    {
        BadRequest or BadUserInput => StatusCodes.Status400BadRequest,
        ScriptFailed or ScriptLimitExceeded => StatusCodes.Status400BadRequest,
        Forbidden or AccessDenied => StatusCodes.Status403Forbidden,
        NotFound => StatusCodes.Status404NotFound,
        Conflict => StatusCodes.Status409Conflict,
        PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        TooManyRequests or QueryQuotaExceeded => StatusCodes.Status429TooManyRequests,
        Cancelled => StatusCodes.Status499ClientClosedRequest,
        Internal => StatusCodes.Status500InternalServerError,
        SourceUnavailable => StatusCodes.Status503ServiceUnavailable,
        StorageFull => StatusCodes.Status507InsufficientStorage,
        _ => null,
    };
}
