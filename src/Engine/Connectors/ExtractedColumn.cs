namespace TownLake.Engine.Connectors;

/// <summary>One column as its source describes it.</summary>
/// <param name="Name">Column name as stored.</param>
/// <param name="Ordinal">1-based position.</param>
/// <param name="NativeType">The source's own type name (e.g. <c>character varying(40)</c>, <c>DECIMAL(18,2)</c>).</param>
/// <param name="IsNullable">False when the source enforces NOT NULL.</param>
/// <param name="Comment">The column comment, when the source has one.</param>
/// <param name="IsPartitionKey">True for Hive partition columns derived from directory names.</param>
public sealed record ExtractedColumn(
    string Name,
    int Ordinal,
    string NativeType,
    bool IsNullable,
    string? Comment = null,
    bool IsPartitionKey = false);
