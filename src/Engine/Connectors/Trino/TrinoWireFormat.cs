using System.Text.Json;
using System.Text.Json.Serialization;

namespace TownLake.Engine.Connectors.Trino;

// The JSON shapes of Trino's client protocol (io.trino.client.QueryResults and friends in trino-client).
// Only the members TownLake reads are declared; System.Text.Json skips the rest (stages, warnings, ...).

internal sealed record QueryResultsWire(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("infoUri")] Uri? InfoUri,
    [property: JsonPropertyName("nextUri")] Uri? NextUri,
    [property: JsonPropertyName("columns")] IReadOnlyList<ColumnWire>? Columns,
    [property: JsonPropertyName("data")] IReadOnlyList<JsonElement[]>? Data,
    [property: JsonPropertyName("stats")] StatsWire? Stats,
    [property: JsonPropertyName("error")] ErrorWire? Error,
    [property: JsonPropertyName("updateType")] string? UpdateType,
    [property: JsonPropertyName("updateCount")] long? UpdateCount);

internal sealed record ColumnWire(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("typeSignature")] TypeSignatureWire? TypeSignature);

internal sealed record TypeSignatureWire(
    [property: JsonPropertyName("rawType")] string RawType,
    [property: JsonPropertyName("arguments")] IReadOnlyList<TypeArgumentWire>? Arguments);

// kind is TYPE, NAMED_TYPE or LONG (pre-321 servers spell them TYPE_SIGNATURE, NAMED_TYPE_SIGNATURE, LONG_LITERAL).
internal sealed record TypeArgumentWire(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("value")] JsonElement Value);

internal sealed record NamedTypeWire(
    [property: JsonPropertyName("fieldName")] RowFieldNameWire? FieldName,
    [property: JsonPropertyName("typeSignature")] TypeSignatureWire TypeSignature);

internal sealed record RowFieldNameWire([property: JsonPropertyName("name")] string Name);

internal sealed record StatsWire(
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("queued")] bool Queued,
    [property: JsonPropertyName("scheduled")] bool Scheduled,
    [property: JsonPropertyName("nodes")] int Nodes,
    [property: JsonPropertyName("totalSplits")] int TotalSplits,
    [property: JsonPropertyName("completedSplits")] int CompletedSplits,
    [property: JsonPropertyName("elapsedTimeMillis")] long ElapsedTimeMillis,
    [property: JsonPropertyName("processedRows")] long ProcessedRows,
    [property: JsonPropertyName("processedBytes")] long ProcessedBytes);

internal sealed record ErrorWire(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("sqlState")] string? SqlState,
    [property: JsonPropertyName("errorCode")] int ErrorCode,
    [property: JsonPropertyName("errorName")] string? ErrorName,
    [property: JsonPropertyName("errorType")] string? ErrorType,
    [property: JsonPropertyName("errorLocation")] ErrorLocationWire? ErrorLocation);

internal sealed record ErrorLocationWire(
    [property: JsonPropertyName("lineNumber")] int LineNumber,
    [property: JsonPropertyName("columnNumber")] int ColumnNumber);
