namespace TownLake.Engine.Connectors;

/// <summary>
/// One dataset found in a source. Its catalog name is <c>{connection}.{Schema}.{Name}</c>.
/// </summary>
/// <param name="Schema">Schema (PostgreSQL/DuckDB schema, or subdirectory of a files connection; <c>main</c> at the root).</param>
/// <param name="Name">Table, view or file-dataset name.</param>
/// <param name="Kind">Table, view, files…</param>
/// <param name="Columns">Columns in ordinal order.</param>
/// <param name="Comment">The table comment, when the source has one.</param>
/// <param name="ViewSql">The defining SQL of a view.</param>
/// <param name="PrimaryKey">Primary-key columns in key order; empty when none.</param>
/// <param name="ForeignKeys">Foreign keys declared on this table.</param>
/// <param name="RowCount">Rows (exact for files and DuckDB, PostgreSQL's <c>reltuples</c> estimate); null when unknown.</param>
/// <param name="SizeBytes">Bytes on disk (PostgreSQL <c>pg_total_relation_size</c>, sum of file sizes); null when unknown.</param>
/// <param name="Files">Storage layout of a file dataset; null for database tables.</param>
public sealed record ExtractedTable(
    string Schema,
    string Name,
    TableKind Kind,
    IReadOnlyList<ExtractedColumn> Columns,
    string? Comment = null,
    string? ViewSql = null,
    IReadOnlyList<string>? PrimaryKey = null,
    IReadOnlyList<ExtractedForeignKey>? ForeignKeys = null,
    long? RowCount = null,
    long? SizeBytes = null,
    ExtractedFileLayout? Files = null)
{
    /// <summary>Primary-key columns; never null.</summary>
    public IReadOnlyList<string> PrimaryKey { get; init; } = PrimaryKey ?? [];

    /// <summary>Foreign keys; never null.</summary>
    public IReadOnlyList<ExtractedForeignKey> ForeignKeys { get; init; } = ForeignKeys ?? [];

    /// <summary>The three-part catalog name under the given connection.</summary>
    public string QualifiedName(string connectionName) => $"{connectionName}.{Schema}.{Name}";
}
