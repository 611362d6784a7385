using System.Text.Json;
using System.Text.Json.Serialization;

namespace TownLake.Catalog.Stores;

/// <summary>How entities and aspects are written as JSON in the store: camelCase, enums as names, computed properties left out.</summary>
public static class CatalogJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    /// <summary>For aspects, which are often anonymous (read-only) projections, so read-only properties are kept.</summary>
    public static JsonSerializerOptions AspectOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
