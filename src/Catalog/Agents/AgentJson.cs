using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TownLake.Catalog.Agents;

/// <summary>
/// How agent answers are written on every face: camelCase, nulls left out, and plain UTF-8 — quotes, apostrophes,
/// accents and symbols as themselves rather than <c>\u0027</c>-style escapes, which cost a model tokens for nothing.
/// Answers are <c>application/json</c> (never HTML), so the relaxed encoder's HTML-safety caveat does not apply.
/// </summary>
public static class AgentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(object? value) => JsonSerializer.Serialize(value, Options);
}
