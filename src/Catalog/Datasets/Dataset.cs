using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Datasets;

/// <summary>
/// A dataset (table, view or file) with everything the catalog knows of it. Ingested facts and human edits are kept
/// apart, as DataHub does with its editable aspects, so re-ingestion never overwrites a description someone wrote.
/// </summary>
public sealed record Dataset : ICatalogEntity
{
    public required string Urn { get; init; }
    public required string Name { get; init; }
    public required string Catalog { get; init; }
    public required string Schema { get; init; }
    public required string Table { get; init; }
    public EntityType Type => EntityType.Dataset;
    public string Platform { get; init; } = "unknown";
    public DatasetKind Kind { get; init; } = DatasetKind.Table;

    /// <summary>The description as ingested from the source.</summary>
    public string? SourceDescription { get; init; }

    /// <summary>The description as edited by a person; wins over <see cref="SourceDescription"/>.</summary>
    public string? EditedDescription { get; init; }

    public string? Description => EditedDescription ?? SourceDescription;
    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];
    public IReadOnlyList<SchemaField> Columns { get; init; } = [];

    /// <summary>Starts at 1 and grows by one with every change of the columns' names, types, nullability or keys.</summary>
    public int SchemaVersion { get; init; } = 1;

    public string? ViewSql { get; init; }
    public long? RowCount { get; init; }
    public long? SizeBytes { get; init; }
    public IReadOnlyList<Ownership> Owners { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> GlossaryTerms { get; init; } = [];
    public string? Domain { get; init; }
    public Deprecation? Deprecation { get; init; }
    public bool Removed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public DatasetName DatasetName => new(Catalog, Schema, Table);

    /// <summary>A new, empty dataset for a name.</summary>
    public static Dataset Create(DatasetName name, DateTimeOffset now) => new()
    {
        Urn = Identity.Urn.Dataset(name),
        Name = name.ToString(),
        Catalog = name.Catalog,
        Schema = name.Schema,
        Table = name.Table,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public SchemaField? FindColumn(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The dataset's aspects, each recorded in the change history on its own (DataHub's unit of change).</summary>
    public ICatalogEntity Stamped(DateTimeOffset createdAt, DateTimeOffset updatedAt) => this with { CreatedAt = createdAt, UpdatedAt = updatedAt };

    public IEnumerable<KeyValuePair<string, object?>> Aspects()
    {
        yield return new("properties", new { Platform, Kind, SourceDescription, CustomProperties, ViewSql, RowCount, SizeBytes });
        yield return new("documentation", new { EditedDescription, Columns = Columns.Where(c => c.EditedDescription is not null).Select(c => new { c.Name, c.EditedDescription }) });
        yield return new("schema", new { SchemaVersion, Columns = Columns.Select(c => new { c.Name, c.NativeType, c.Nullable, c.Ordinal, c.SourceDescription, c.IsPrimaryKey, c.ForeignKey }) });
        yield return new("ownership", Owners);
        yield return new("tags", new { Tags, Columns = Columns.Where(c => c.Tags.Count > 0).Select(c => new { c.Name, c.Tags }) });
        yield return new("glossaryTerms", new { GlossaryTerms, Columns = Columns.Where(c => c.GlossaryTerms.Count > 0).Select(c => new { c.Name, c.GlossaryTerms }) });
        yield return new("domain", Domain);
        yield return new("deprecation", Deprecation);
        yield return new("status", new { Removed });
    }

    IEnumerable<KeyValuePair<string, object?>> ICatalogEntity.Aspects() => Aspects();
}
