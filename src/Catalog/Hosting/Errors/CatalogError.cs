using System.Globalization;
using System.Text.Json;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Hosting.Errors;

/// <summary>
/// One failed request as every face reports it: a code from <see cref="ErrorCodes"/>, a message for the caller, and
/// optionally a hint saying what to do instead. <see cref="ErrorBodies"/> writes it in each face's shape.
/// </summary>
public sealed record CatalogError(string Code, string Message, string? Hint = null)
{
    /// <summary>What an unknown failure says: nothing about its cause, which only the log holds.</summary>
    public const string InternalMessage = "An internal error occurred; it has been logged.";

    public static CatalogError Internal { get; } = new(ErrorCodes.Internal, InternalMessage);

    public int Status => ErrorCodes.StatusOf(Code) ?? StatusCodes.Status500InternalServerError;

    /// <summary>
    /// A body that is not JSON, or not JSON of the expected shape. Says where the reader stopped, not the parser's own
    /// text (that names internal .NET types).
    /// </summary>
    public static CatalogException MalformedJson(JsonException exception)
    {
        var where = exception.Path is { Length: > 1 } path ? $" at {path}" : "";
        var position = exception.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {exception.BytePositionInLine + 1})")
            : "";
        return new CatalogException(ErrorCodes.BadRequest, $"The body is not valid JSON for this endpoint{where}{position}.") { Hint = JsonHint };
    }

    /// <summary>A body that is JSON but <c>null</c> where an object is expected.</summary>
    public static CatalogException NotAnObject() => new(ErrorCodes.BadRequest, "The body must be a JSON object.")
    {
        Hint = JsonHint,
    };

    private const string JsonHint = "Send one JSON object, with Content-Type: application/json.";
}
