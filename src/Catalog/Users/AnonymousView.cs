using System.Text.Json.Nodes;
using TownLake.Catalog.Datasets;

namespace TownLake.Catalog.Users;

/// <summary>
/// What anonymous readers (a team deployment that allows public metadata) do not see: a files dataset's
/// <c>location</c>, the absolute path of the lake on the server.
/// </summary>
public static class AnonymousView
{
    private const string LocationKey = "location";

    public static IReadOnlyList<CustomProperty> Properties(Dataset dataset, Caller caller) =>
        caller.IsAuthenticated ? dataset.CustomProperties : dataset.CustomProperties.Where(p => !IsLocation(p.Key)).ToList();

    /// <summary>The same for a recorded <c>properties</c> aspect (history's before/after JSON).</summary>
    public static string? PropertiesAspect(string? json, Caller caller)
    {
        if (caller.IsAuthenticated || json is null || JsonNode.Parse(json) is not JsonObject aspect)
        {
            return json;
        }

        foreach (var (_, value) in aspect.Where(p => p.Key.Equals(nameof(Dataset.CustomProperties), StringComparison.OrdinalIgnoreCase)).ToList())
        {
            if (value is JsonArray properties)
            {
                foreach (var property in properties.OfType<JsonObject>().Where(p => p.Any(kv => kv.Key.Equals("key", StringComparison.OrdinalIgnoreCase)
                    && kv.Value is JsonValue key && key.TryGetValue<string>(out var text) && IsLocation(text))).ToList())
                {
                    properties.Remove(property);
                }
            }
        }

        return aspect.ToJsonString();
    }

    private static bool IsLocation(string key) => key.Equals(LocationKey, StringComparison.OrdinalIgnoreCase);
}
