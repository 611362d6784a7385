using GraphQL.Types;

namespace TownLake.Catalog.Datasets.GraphQL;

/// <summary>GraphQL input for <c>upsertDataset</c>: a full dataset description from a source.</summary>
public sealed class DatasetInputType : InputObjectGraphType<DatasetUpsertInput>
{
    public DatasetInputType()
    {
        Name = "DatasetInput";
        Description = "A full dataset from a source. Lists left out keep what the catalog has; lists given replace it.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("catalog.schema.table (quote a part with dots in double quotes).");
        Field<StringGraphType>("platform").Description("duckdb, postgres, parquet, trino, …");
        Field<DatasetKindEnum>("kind").Description("Table, view or file.");
        Field<StringGraphType>("description").Description("The source's description.");
        Field<ListGraphType<NonNullGraphType<ColumnInputType>>>("columns").Description("All columns, in source order.");
        Field<ListGraphType<NonNullGraphType<CustomPropertyInputType>>>("customProperties").Description("Free-form properties.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags").Description("Tag names (created when new).");
        Field<ListGraphType<NonNullGraphType<OwnerInputType>>>("owners").Description("Owners (users or groups, created when new).");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("glossaryTerms").Description("Existing glossary term names.");
        Field<StringGraphType>("domain").Description("Domain name (created when new).");
        Field<StringGraphType>("viewSql").Description("The SQL that defines the view.");
        Field<LongGraphType>("rowCount").Description("Rows at the source.");
        Field<LongGraphType>("sizeBytes").Description("Size at the source.");
    }
}

/// <summary>GraphQL input of one column.</summary>
public sealed class ColumnInputType : InputObjectGraphType<ColumnUpsertInput>
{
    public ColumnInputType()
    {
        Name = "ColumnInput";
        Description = "One column of a dataset.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The column's name, exactly as at the source.");
        Field<StringGraphType>("type").Description("The native SQL type.");
        Field<StringGraphType>("description").Description("The source's description.");
        Field<BooleanGraphType>("nullable").Description("Whether NULL is allowed (default true).");
        Field<BooleanGraphType>("isPrimaryKey").Description("Whether the column is (part of) the primary key.");
        Field<ForeignKeyInputType>("foreignKey").Description("The column this one references.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags").Description("Tag names on the column.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("glossaryTerms").Description("Glossary term names on the column.");
    }
}

/// <summary>GraphQL input of a foreign-key reference.</summary>
public sealed class ForeignKeyInputType : InputObjectGraphType<ForeignKeyInput>
{
    public ForeignKeyInputType()
    {
        Name = "ForeignKeyInput";
        Description = "A reference to another dataset's column.";
        Field<NonNullGraphType<StringGraphType>>("dataset").Description("The referenced dataset's name.");
        Field<NonNullGraphType<StringGraphType>>("column").Description("The referenced column.");
    }
}

/// <summary>GraphQL input of an owner.</summary>
public sealed class OwnerInputType : InputObjectGraphType<OwnerInput>
{
    public OwnerInputType()
    {
        Name = "OwnerInput";
        Description = "An owner to add.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The user's or group's name.");
        Field<OwnerKindEnum>("kind").Description("User (default) or group.").DefaultValue(OwnerKind.User);
        Field<OwnershipTypeEnum>("ownershipType").Description("Default: technical owner.").DefaultValue(OwnershipType.TechnicalOwner);
    }
}

/// <summary>GraphQL input of a custom property.</summary>
public sealed class CustomPropertyInputType : InputObjectGraphType<CustomPropertyInput>
{
    public CustomPropertyInputType()
    {
        Name = "CustomPropertyInput";
        Description = "A free-form key/value property.";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The key.");
        Field<NonNullGraphType<StringGraphType>>("value").Description("The value.");
    }
}

/// <summary>GraphQL input filtering a dataset browse.</summary>
public sealed class DatasetFilterInputType : InputObjectGraphType<DatasetFilterInput>
{
    public DatasetFilterInputType()
    {
        Name = "DatasetFilter";
        Description = "Filters for browsing datasets; all given filters must match.";
        Field<StringGraphType>("catalog").Description("The source (first name part).");
        Field<StringGraphType>("schema").Description("The schema (second name part).");
        Field<StringGraphType>("platform").Description("The platform.");
        Field<StringGraphType>("tag").Description("A tag on the dataset or one of its columns.");
        Field<StringGraphType>("owner").Description("An owner's name.");
        Field<StringGraphType>("domain").Description("The domain's name.");
        Field<StringGraphType>("glossaryTerm").Description("A glossary term on the dataset or one of its columns.");
        Field<BooleanGraphType>("includeRemoved").Description("Include deleted datasets.");
        Field<BooleanGraphType>("excludeDeprecated").Description("Leave out datasets marked deprecated (default false: they are listed).");
    }
}

/// <summary>The CLR shape of <see cref="DatasetInputType"/>.</summary>
public sealed class DatasetUpsertInput
{
    public string Name { get; set; } = "";
    public string? Platform { get; set; }
    public DatasetKind? Kind { get; set; }
    public string? Description { get; set; }
    public List<ColumnUpsertInput>? Columns { get; set; }
    public List<CustomPropertyInput>? CustomProperties { get; set; }
    public List<string>? Tags { get; set; }
    public List<OwnerInput>? Owners { get; set; }
    public List<string>? GlossaryTerms { get; set; }
    public string? Domain { get; set; }
    public string? ViewSql { get; set; }
    public long? RowCount { get; set; }
    public long? SizeBytes { get; set; }

    public DatasetUpsert ToUpsert() => new()
    {
        Name = Name,
        Platform = Platform,
        Kind = Kind,
        Description = Description,
        Columns = Columns?.Select(c => new ColumnUpsert
        {
            Name = c.Name,
            Type = c.Type,
            Description = c.Description,
            Nullable = c.Nullable,
            IsPrimaryKey = c.IsPrimaryKey,
            ForeignKey = c.ForeignKey is null ? null : new ForeignKeyRef(c.ForeignKey.Dataset, c.ForeignKey.Column),
            Tags = c.Tags,
            GlossaryTerms = c.GlossaryTerms,
        }).ToList(),
        CustomProperties = CustomProperties?.Select(p => new CustomProperty(p.Key, p.Value)).ToList(),
        Tags = Tags,
        Owners = Owners?.Select(o => o.ToOwnership()).ToList(),
        GlossaryTerms = GlossaryTerms,
        Domain = Domain,
        ViewSql = ViewSql,
        RowCount = RowCount,
        SizeBytes = SizeBytes,
    };
}

/// <summary>The CLR shape of <see cref="ColumnInputType"/>.</summary>
public sealed class ColumnUpsertInput
{
    public string Name { get; set; } = "";
    public string? Type { get; set; }
    public string? Description { get; set; }
    public bool? Nullable { get; set; }
    public bool? IsPrimaryKey { get; set; }
    public ForeignKeyInput? ForeignKey { get; set; }
    public List<string>? Tags { get; set; }
    public List<string>? GlossaryTerms { get; set; }
}

/// <summary>The CLR shape of <see cref="ForeignKeyInputType"/>.</summary>
public sealed class ForeignKeyInput
{
    public string Dataset { get; set; } = "";
    public string Column { get; set; } = "";
}

/// <summary>The CLR shape of <see cref="OwnerInputType"/>.</summary>
public sealed class OwnerInput
{
    public string Name { get; set; } = "";
    public OwnerKind Kind { get; set; } = OwnerKind.User;
    public OwnershipType OwnershipType { get; set; } = OwnershipType.TechnicalOwner;

    public Ownership ToOwnership() => new(Name, Kind, OwnershipType);
}

/// <summary>The CLR shape of <see cref="CustomPropertyInputType"/>.</summary>
public sealed class CustomPropertyInput
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>The CLR shape of <see cref="DatasetFilterInputType"/>.</summary>
public sealed class DatasetFilterInput
{
    public string? Catalog { get; set; }
    public string? Schema { get; set; }
    public string? Platform { get; set; }
    public string? Tag { get; set; }
    public string? Owner { get; set; }
    public string? Domain { get; set; }
    public string? GlossaryTerm { get; set; }
    public bool? IncludeRemoved { get; set; }
    public bool? ExcludeDeprecated { get; set; }
}
