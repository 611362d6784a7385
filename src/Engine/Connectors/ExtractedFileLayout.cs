namespace TownLake.Engine.Connectors;

/// <summary>How a file dataset is stored: what the query engine needs to read it back.</summary>
/// <param name="Format"><c>parquet</c> or <c>csv</c>.</param>
/// <param name="Location">The file, or the dataset's directory when it is partitioned.</param>
/// <param name="Glob">Glob pattern covering every file of the dataset.</param>
/// <param name="FileCount">Number of data files.</param>
/// <param name="RowGroupCount">Parquet row groups over all files (0 for CSV).</param>
/// <param name="PartitionColumns">Hive partition keys in directory order (<c>year</c>, <c>month</c>).</param>
public sealed record ExtractedFileLayout(
    string Format,
    string Location,
    string Glob,
    int FileCount,
    long RowGroupCount,
    IReadOnlyList<string> PartitionColumns);
