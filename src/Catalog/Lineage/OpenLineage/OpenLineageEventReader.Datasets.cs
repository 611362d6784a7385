using System.Text.Json.Nodes;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>Reading the datasets of an event: names, schema, symlinks and version facets.</summary>
public static partial class OpenLineageEventReader
{
    private static List<OpenLineageDataset> Datasets(JsonObject root, string property, string defaultNamespace, List<string> warnings, OpenLineageLimits limits, int max, string setting)
    {
        var result = new List<OpenLineageDataset>();
        if (root[property] is null)
        {
            return result;
        }

        if (root[property] is not JsonArray array)
        {
            throw CatalogException.BadInput($"{property} must be an array of datasets.");
        }

        Limit(property, array.Count, max, setting);

        for (var i = 0; i < array.Count; i++)
        {
            result.Add(Dataset(array[i], $"{property}[{i}]", defaultNamespace, warnings, limits));
        }

        return result;
    }

    /// <summary>Reads an OpenLineage DatasetEvent (<c>{"dataset": {...}, "eventTime", "producer"}</c>): its one dataset.</summary>
    public static OpenLineageDataset ReadDatasetEvent(JsonObject root, List<string> warnings, OpenLineageLimits limits) =>
        Dataset(root["dataset"], "dataset", DefaultNamespace, warnings, limits);

    private static OpenLineageDataset Dataset(JsonNode? node, string path, string defaultNamespace, List<string> warnings, OpenLineageLimits limits)
    {
        if (node is not JsonObject dataset)
        {
            throw CatalogException.BadInput($"{path} must be an object with a namespace and a name.");
        }

        var name = RequiredString(dataset, "name", path + ".name");
        var ns = OptionalString(dataset, "namespace", path + ".namespace");
        if (ns is null)
        {
            ns = defaultNamespace;
            warnings.Add($"{path}.namespace is missing; the job's namespace '{defaultNamespace}' was used.");
        }

        var facets = OptionalObject(dataset, "facets", path + ".facets");
        var version = facets is null ? null : OptionalObject(facets, "version", path + ".facets.version");
        var lifecycle = facets is null ? null : OptionalObject(facets, "lifecycleStateChange", path + ".facets.lifecycleStateChange");
        return new OpenLineageDataset(ns, name,
            facets is null ? null : Schema(facets, path + ".facets.schema", limits),
            facets is null ? [] : Symlinks(facets, ns, path + ".facets.symlinks", limits),
            facets is null ? null : ColumnLineage(facets, defaultNamespace, path + ".facets.columnLineage", limits),
            facets is null || OptionalObject(facets, "documentation", path + ".facets.documentation") is not { } doc ? null : OptionalString(doc, "description", path + ".facets.documentation.description"))
        {
            Version = version is null ? null : OptionalString(version, "datasetVersion", path + ".facets.version.datasetVersion"),
            LifecycleStateChange = lifecycle is null ? null : OptionalString(lifecycle, "lifecycleStateChange", path + ".facets.lifecycleStateChange.lifecycleStateChange")?.ToUpperInvariant(),
        };
    }

    private static List<OpenLineageField>? Schema(JsonObject facets, string path, OpenLineageLimits limits)
    {
        if (OptionalObject(facets, "schema", path) is not { } schema)
        {
            return null;
        }

        if (schema["fields"] is null)
        {
            return null;
        }

        if (schema["fields"] is not JsonArray fields)
        {
            throw CatalogException.BadInput($"{path}.fields must be an array.");
        }

        Limit(path + ".fields", fields.Count, limits.MaxFields, nameof(limits.MaxFields));
        var result = new List<OpenLineageField>();
        for (var i = 0; i < fields.Count; i++)
        {
            var fieldPath = $"{path}.fields[{i}]";
            if (fields[i] is not JsonObject field)
            {
                throw CatalogException.BadInput($"{fieldPath} must be an object with a name.");
            }

            result.Add(new OpenLineageField(RequiredString(field, "name", fieldPath + ".name"),
                OptionalString(field, "type", fieldPath + ".type"), OptionalString(field, "description", fieldPath + ".description")));
        }

        return result;
    }

    private static List<OpenLineageSymlink> Symlinks(JsonObject facets, string datasetNamespace, string path, OpenLineageLimits limits)
    {
        var result = new List<OpenLineageSymlink>();
        if (OptionalObject(facets, "symlinks", path) is not { } symlinks || symlinks["identifiers"] is null)
        {
            return result;
        }

        if (symlinks["identifiers"] is not JsonArray identifiers)
        {
            throw CatalogException.BadInput($"{path}.identifiers must be an array.");
        }

        Limit(path + ".identifiers", identifiers.Count, limits.MaxFields, nameof(limits.MaxFields));

        for (var i = 0; i < identifiers.Count; i++)
        {
            var itemPath = $"{path}.identifiers[{i}]";
            if (identifiers[i] is not JsonObject identifier)
            {
                throw CatalogException.BadInput($"{itemPath} must be an object with a namespace, a name and a type.");
            }

            result.Add(new OpenLineageSymlink(OptionalString(identifier, "namespace", itemPath + ".namespace") ?? datasetNamespace,
                RequiredString(identifier, "name", itemPath + ".name"), OptionalString(identifier, "type", itemPath + ".type")));
        }

        return result;
    }
}
