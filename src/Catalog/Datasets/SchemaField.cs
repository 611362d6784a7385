namespace TownLake.Catalog.Datasets;

/// <summary>A column of a dataset (DataHub's schema field). Its name may be any string the source allows.</summary>
public sealed record SchemaField
{
    public required string Name { get; init; }
    public string? NativeType { get; init; }
    public bool Nullable { get; init; } = true;
    public int Ordinal { get; init; }
    public string? SourceDescription { get; init; }
    public string? EditedDescription { get; init; }
    public string? Description => EditedDescription ?? SourceDescription;
    public bool IsPrimaryKey { get; init; }
    public ForeignKeyRef? ForeignKey { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> GlossaryTerms { get; init; } = [];

    /// <summary>True when the structural part (what a schema version tracks) differs.</summary>
    public bool StructureDiffers(SchemaField other) =>
        Name != other.Name || NativeType != other.NativeType || Nullable != other.Nullable
        || IsPrimaryKey != other.IsPrimaryKey || ForeignKey != other.ForeignKey;
}

/// <summary>A foreign-key reference from a column to another dataset's column.</summary>
public sealed record ForeignKeyRef(string Dataset, string Column);

/// <summary>A free-form key/value property of a dataset (from the source or ingestion).</summary>
public sealed record CustomProperty(string Key, string Value);

/// <summary>Whether a dataset is deprecated, with a note for its users.</summary>
public sealed record Deprecation(bool Deprecated, string? Note, string Actor, DateTimeOffset At);

/// <summary>The physical kind of a dataset.</summary>
public enum DatasetKind
{
    Table,
    View,
    File,
}
