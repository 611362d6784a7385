namespace TownLake.Catalog.Datasets;

/// <summary>
/// A full description of a dataset from a source (the ingestion path). Lists left null keep what the catalog has,
/// so an ingestion that knows nothing of owners does not erase the owners people added.
/// </summary>
public sealed record DatasetUpsert
{
    public required string Name { get; init; }
    public string? Platform { get; init; }
    public DatasetKind? Kind { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<ColumnUpsert>? Columns { get; init; }
    public IReadOnlyList<CustomProperty>? CustomProperties { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyList<Ownership>? Owners { get; init; }
    public IReadOnlyList<string>? GlossaryTerms { get; init; }
    public string? Domain { get; init; }
    public string? ViewSql { get; init; }
    public long? RowCount { get; init; }
    public long? SizeBytes { get; init; }
}

/// <summary>One column of a <see cref="DatasetUpsert"/>, in source order.</summary>
public sealed record ColumnUpsert
{
    public required string Name { get; init; }
    public string? Type { get; init; }
    public string? Description { get; init; }
    public bool? Nullable { get; init; }
    public bool? IsPrimaryKey { get; init; }
    public ForeignKeyRef? ForeignKey { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public IReadOnlyList<string>? GlossaryTerms { get; init; }
}
