using System.Text.Json.Nodes;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>Typed reads of JSON properties that name the offending path in their BAD_USER_INPUT errors.</summary>
public static partial class OpenLineageEventReader
{
    private static void Limit(string path, int count, int max, string setting)
    {
        if (count > max)
        {
            throw CatalogException.BadInput(OpenLineageLimits.Over(path, count, max, setting));
        }
    }

    private static string RequiredString(JsonObject owner, string property, string path) =>
        OptionalString(owner, property, path) is { Length: > 0 } value && value.Trim().Length > 0
            ? value
            : throw CatalogException.BadInput($"{path} is required.");

    private static string? OptionalString(JsonObject owner, string property, string path)
    {
        var node = owner[property];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        throw CatalogException.BadInput($"{path} must be a string.");
    }

    private static JsonObject? OptionalObject(JsonObject owner, string property, string path) => owner[property] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw CatalogException.BadInput($"{path} must be an object."),
    };
}
