using System.Text.Json.Nodes;

namespace TownLake.Engine.Sql;

/// <summary>
/// Writes a <see cref="SqlLineageResult"/> as an OpenLineage <c>columnLineage</c> dataset facet, for events
/// that carry a <c>sql</c> job facet but no column lineage. The caller names datasets (namespace + name),
/// because only it knows which connection a table name belongs to, and adds <c>_producer</c>.
/// </summary>
public static class OpenLineageColumnLineageFacet
{
    public const string SchemaUrl = "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet";

    /// <summary>Builds the facet; <paramref name="datasetName"/> maps each input table to its OpenLineage namespace and name.</summary>
    public static JsonObject Build(SqlLineageResult result, Func<SqlTableName, (string Namespace, string Name)> datasetName)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(datasetName);
        // Columns computed from constants alone have no inputs; OpenLineage producers leave them out.
        var fields = new JsonObject();
        foreach (var column in result.Columns.Where(c => c.InputFields.Count > 0))
        {
            // Two output columns can share a name (SELECT a, a); OpenLineage keys fields by name, so merge them.
            var inputFields = fields[column.Name]?["inputFields"] as JsonArray ?? [];
            foreach (var input in column.InputFields)
            {
                inputFields.Add(InputField(input, datasetName));
            }

            fields[column.Name] = new JsonObject { ["inputFields"] = inputFields.DeepClone() };
        }

        return new JsonObject
        {
            ["_schemaURL"] = SchemaUrl,
            ["fields"] = fields,
            ["dataset"] = new JsonArray([.. result.DatasetLineage.Select(input => (JsonNode)InputField(input, datasetName))]),
        };
    }

    private static JsonObject InputField(InputFieldLineage input, Func<SqlTableName, (string Namespace, string Name)> datasetName)
    {
        var (ns, name) = datasetName(input.Table);
        return new JsonObject
        {
            ["namespace"] = ns,
            ["name"] = name,
            ["field"] = input.Column,
            ["transformations"] = new JsonArray([.. input.Transformations.Select(t => (JsonNode)new JsonObject
            {
                ["type"] = t.TypeName,
                ["subtype"] = t.SubtypeName,
                ["description"] = t.Expression ?? "",
                ["masking"] = t.Masking,
            })]),
        };
    }
}
