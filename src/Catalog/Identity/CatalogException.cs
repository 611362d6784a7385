namespace TownLake.Catalog.Identity;

/// <summary>
/// A broken rule of the catalog, with a machine-readable code (NOT_FOUND, BAD_USER_INPUT, FORBIDDEN, CONFLICT, and the
/// others in <see cref="Hosting.Errors.ErrorCodes"/>) that every face reports with that code and its 4xx status
/// (<see cref="Hosting.Errors.CatalogErrorMapper"/>). A code the table does not know is reported as an internal error.
/// </summary>
public sealed class CatalogException : Exception
{
    public CatalogException(string code, string message) : base(InputEcho.Message(message)) => Code = code;

    public CatalogException() : this("INTERNAL", "Catalog error.") { }

    public CatalogException(string message) : this("BAD_USER_INPUT", message) { }

    public CatalogException(string message, Exception innerException) : base(InputEcho.Message(message), innerException) => Code = "INTERNAL";

    public string Code { get; }

    /// <summary>What the caller could do instead, when the message alone does not say (REST <c>error.hint</c>).</summary>
    public string? Hint { get; init; }

    public static CatalogException NotFound(string message) => new("NOT_FOUND", message);
    public static CatalogException BadInput(string message) => new("BAD_USER_INPUT", message);
    public static CatalogException Forbidden(string message) => new("FORBIDDEN", message);
    public static CatalogException Conflict(string message) => new("CONFLICT", message);
}
