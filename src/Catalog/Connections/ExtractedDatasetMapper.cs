using System.Globalization;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Engine.Connectors;

namespace TownLake.Catalog.Connections;

/// <summary>Turns what an Engine extractor found into the catalog's upsert of one dataset.</summary>
public static class ExtractedDatasetMapper
{
    public static DatasetName NameOf(string connection, ExtractedTable table) => new(connection, table.Schema, table.Name);

    /// <summary>
    /// Maps one extracted table. Keys are only asserted when the source declares some for the table: a source without
    /// constraints (a DuckDB table built with CREATE TABLE AS, a Parquet file) says nothing about keys, so the keys a
    /// person or the demo documented are kept rather than erased.
    /// </summary>
    public static DatasetUpsert ToUpsert(ExtractedCatalog catalog, ExtractedTable table)
    {
        var connection = catalog.ConnectionName;
        var declaresPrimaryKey = table.PrimaryKey.Count > 0;
        var foreignKeys = new Dictionary<string, ForeignKeyRef>(StringComparer.Ordinal);
        foreach (var key in table.ForeignKeys)
        {
            var referenced = new DatasetName(connection, key.ReferencedSchema, key.ReferencedTable).ToString();
            for (var i = 0; i < key.Columns.Count && i < key.ReferencedColumns.Count; i++)
            {
                foreignKeys.TryAdd(key.Columns[i], new ForeignKeyRef(referenced, key.ReferencedColumns[i]));
            }
        }

        return new DatasetUpsert
        {
            Name = NameOf(connection, table).ToString(),
            Platform = PlatformOf(catalog.Type, table),
            Kind = table.Kind switch
            {
                TableKind.View or TableKind.MaterializedView => DatasetKind.View,
                TableKind.Files => DatasetKind.File,
                _ => DatasetKind.Table,
            },
            Description = table.Comment,
            Columns = table.Columns.OrderBy(c => c.Ordinal).Select(c => new ColumnUpsert
            {
                Name = c.Name,
                Type = c.NativeType,
                Nullable = c.IsNullable,
                Description = c.Comment,
                IsPrimaryKey = declaresPrimaryKey ? table.PrimaryKey.Contains(c.Name, StringComparer.Ordinal) : null,
                ForeignKey = foreignKeys.GetValueOrDefault(c.Name),
            }).ToList(),
            CustomProperties = PropertiesOf(table),
            ViewSql = table.ViewSql,
            RowCount = table.RowCount,
            SizeBytes = table.SizeBytes,
        };
    }

    private static string PlatformOf(ConnectionType type, ExtractedTable table) =>
        type == ConnectionType.Files && table.Files is { } files ? files.Format : type.ToName();

    /// <summary>Storage facts of file datasets and the table kind where "table" or "view" would hide it; null keeps what is stored.</summary>
    private static List<CustomProperty>? PropertiesOf(ExtractedTable table)
    {
        var properties = new List<CustomProperty>();
        if (table.Kind is TableKind.MaterializedView or TableKind.External)
        {
            properties.Add(new CustomProperty("table_kind", table.Kind == TableKind.MaterializedView ? "materialized view" : "external table"));
        }

        if (table.Files is { } files)
        {
            properties.Add(new CustomProperty("format", files.Format));
            properties.Add(new CustomProperty("location", files.Location));
            properties.Add(new CustomProperty("glob", files.Glob));
            properties.Add(new CustomProperty("file_count", files.FileCount.ToString(CultureInfo.InvariantCulture)));
            if (files.RowGroupCount > 0)
            {
                properties.Add(new CustomProperty("row_groups", files.RowGroupCount.ToString(CultureInfo.InvariantCulture)));
            }

            if (files.PartitionColumns.Count > 0)
            {
                properties.Add(new CustomProperty("partition_columns", string.Join(", ", files.PartitionColumns)));
            }
        }

        return properties.Count == 0 ? null : properties;
    }
}
