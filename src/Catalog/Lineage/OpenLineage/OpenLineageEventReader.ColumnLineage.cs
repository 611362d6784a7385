using System.Text.Json.Nodes;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>Reading the <c>columnLineage</c> dataset facet (both its 1-0-x and later shapes).</summary>
public static partial class OpenLineageEventReader
{
    private static OpenLineageColumnLineage? ColumnLineage(JsonObject facets, string defaultNamespace, string path, OpenLineageLimits limits)
    {
        if (OptionalObject(facets, "columnLineage", path) is not { } facet)
        {
            return null;
        }

        var outputFields = new List<OpenLineageOutputField>();
        if (facet["fields"] is not null)
        {
            if (facet["fields"] is not JsonObject fields)
            {
                throw CatalogException.BadInput($"{path}.fields must be an object keyed by output field name.");
            }

            Limit(path + ".fields", fields.Count, limits.MaxFields, nameof(limits.MaxFields));

            foreach (var (fieldName, value) in fields)
            {
                var fieldPath = $"{path}.fields.{InputEcho.Truncate(fieldName)}";
                if (value is not JsonObject field)
                {
                    throw CatalogException.BadInput($"{fieldPath} must be an object with inputFields.");
                }

                // Facet 1-0-x put the transformation on the output field; later versions on each input field.
                var legacyType = OptionalString(field, "transformationType", fieldPath + ".transformationType");
                var legacyDescription = OptionalString(field, "transformationDescription", fieldPath + ".transformationDescription");
                outputFields.Add(new OpenLineageOutputField(fieldName, InputFields(field, "inputFields", fieldPath, defaultNamespace, legacyType, legacyDescription, limits)));
            }
        }

        return new OpenLineageColumnLineage(outputFields, InputFields(facet, "dataset", path, defaultNamespace, null, null, limits));
    }

    private static List<OpenLineageInputField> InputFields(JsonObject owner, string property, string path, string defaultNamespace, string? legacyType, string? legacyDescription, OpenLineageLimits limits)
    {
        var result = new List<OpenLineageInputField>();
        if (owner[property] is null)
        {
            return result;
        }

        if (owner[property] is not JsonArray array)
        {
            throw CatalogException.BadInput($"{path}.{property} must be an array.");
        }

        Limit($"{path}.{property}", array.Count, limits.MaxFields, nameof(limits.MaxFields));

        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = $"{path}.{property}[{i}]";
            if (array[i] is not JsonObject input)
            {
                throw CatalogException.BadInput($"{itemPath} must be an object with a namespace, a name and a field.");
            }

            var transformations = new List<string>();
            string? description = legacyDescription;
            if (input["transformations"] is not null)
            {
                if (input["transformations"] is not JsonArray list)
                {
                    throw CatalogException.BadInput($"{itemPath}.transformations must be an array.");
                }

                Limit(itemPath + ".transformations", list.Count, limits.MaxFields, nameof(limits.MaxFields));

                for (var t = 0; t < list.Count; t++)
                {
                    var tPath = $"{itemPath}.transformations[{t}]";
                    if (list[t] is not JsonObject transformation)
                    {
                        throw CatalogException.BadInput($"{tPath} must be an object with a type.");
                    }

                    var type = RequiredString(transformation, "type", tPath + ".type").ToUpperInvariant();
                    var subtype = OptionalString(transformation, "subtype", tPath + ".subtype")?.ToUpperInvariant();
                    var text = subtype is { Length: > 0 } ? $"{type}/{subtype}" : type;
                    if (!transformations.Contains(text))
                    {
                        transformations.Add(text);
                    }

                    description ??= OptionalString(transformation, "description", tPath + ".description") is { Length: > 0 } d ? d : null;
                }
            }
            else if (legacyType is not null)
            {
                transformations.Add(legacyType.ToUpperInvariant());
            }

            result.Add(new OpenLineageInputField(OptionalString(input, "namespace", itemPath + ".namespace") ?? defaultNamespace,
                RequiredString(input, "name", itemPath + ".name"), RequiredString(input, "field", itemPath + ".field"), transformations, description));
        }

        return result;
    }
}
