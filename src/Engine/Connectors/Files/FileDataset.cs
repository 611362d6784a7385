namespace TownLake.Engine.Connectors.Files;

/// <summary>One dataset of a <c>files</c> connection: a single file, or a directory (possibly Hive-partitioned) read as one table.</summary>
/// <param name="Schema">Subdirectory of the root holding it, or <c>main</c>.</param>
/// <param name="Name">File name without extension, or directory name.</param>
/// <param name="Format"><c>parquet</c> or <c>csv</c>.</param>
/// <param name="Location">The file or the dataset directory.</param>
/// <param name="Files">Every data file, sorted.</param>
/// <param name="PartitionColumns">Hive partition keys (<c>year</c>, <c>month</c>) in directory order; empty when not partitioned.</param>
public sealed record FileDataset(
    string Schema,
    string Name,
    string Format,
    string Location,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> PartitionColumns)
{
    /// <summary>Glob covering every file of the dataset, as DuckDB's readers take it.</summary>
    public string Glob => Files.Count == 1 && Location == Files[0]
        ? Location
        : System.IO.Path.Combine(Location, "**", "*" + FileLayout.Extension(Files[0]));

    /// <summary>DuckDB table expression reading the dataset (<c>read_parquet(...)</c> or <c>read_csv_auto(...)</c>).</summary>
    public string DuckDbReader()
    {
        var glob = "'" + Glob.Replace("'", "''", StringComparison.Ordinal) + "'";
        var hive = PartitionColumns.Count > 0 ? "true" : "false";
        return Format == FileLayout.Parquet
            ? $"read_parquet({glob}, hive_partitioning = {hive})"
            : $"read_csv_auto({glob}, hive_partitioning = {hive})";
    }
}
