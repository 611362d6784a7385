namespace TownLake.Catalog.Identity;

/// <summary>
/// A broken rule of the catalog, with a machine-readable code (NOT_FOUND, BAD_USER_INPUT, FORBIDDEN, CONFLICT)
/// that the GraphQL and HTTP faces turn into an error with that code and a 4xx status.
/// </summary>
public sealed class CatalogException : Exception
{
    public CatalogException(string code, string message) : base(InputEcho.Message(message)) => Code = code;

    public CatalogException() : this("INTERNAL", "Catalog error.") { }

    public CatalogException(string message) : this("BAD_USER_INPUT", message) { }

    public CatalogException(string message, Exception innerException) : base(InputEcho.Message(message), innerException) => Code = "INTERNAL";

    public string Code { get; }

    public static CatalogException NotFound(string message) => new("NOT_FOUND", message);
    public static CatalogException BadInput(string message) => new("BAD_USER_INPUT", message);
    public static CatalogException Forbidden(string message) => new("FORBIDDEN", message);
    public static CatalogException Conflict(string message) => new("CONFLICT", message);
}
