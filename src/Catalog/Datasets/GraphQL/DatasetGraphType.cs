using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using TownLake.Catalog.Domains;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Glossary.GraphQL;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.History.GraphQL;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Tags;

namespace TownLake.Catalog.Datasets.GraphQL;

/// <summary>GraphQL type of a dataset.</summary>
public sealed class DatasetGraphType : ObjectGraphType<Dataset>
{
    public DatasetGraphType()
    {
        Name = "Dataset";
        Description = "A table, view or file, with its columns, owners, tags, glossary terms, domain and history.";
        this.AddEntityFields();
        Field(d => d.Catalog).Description("The source (connection) name: the first part of the dataset name.");
        Field(d => d.Schema).Description("The schema: the second part of the dataset name.");
        Field(d => d.Table).Description("The table: the third part of the dataset name.");
        Field(d => d.Platform).Description("Where the data lives: duckdb, postgres, parquet, trino, …");
        Field<NonNullGraphType<DatasetKindEnum>>("kind").Description("Table, view or file.").Resolve(c => c.Source.Kind);
        Field(d => d.Description, nullable: true).Description("The description: a person's edit when there is one, else the source's.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomPropertyGraphType>>>>("customProperties").Description("Free-form properties from the source.").Resolve(c => Users.AnonymousView.Properties(c.Source, c.Caller()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ColumnGraphType>>>>("columns").Description("The columns, in source order.")
            .Resolve(c => Governance.GraphQL.GovernedColumns.Visible(c, c.Source).Then(columns => columns.Select(col => new ColumnOf(c.Source, col)).ToList()));
        Field<ColumnGraphType>("column").Description("One column by name.")
            .Argument<NonNullGraphType<StringGraphType>>("name", "The column's name.")
            .Resolve(c => c.Source.FindColumn(c.GetArgument<string>("name")) is { } col
                ? Governance.GraphQL.GovernedColumns.Visible(c, c.Source).Then(columns => columns.Contains(col) ? new ColumnOf(c.Source, col) : null)
                : null);
        Field(d => d.SchemaVersion).Description("Grows by one with every change of column names, types, nullability or keys.");
        Field(d => d.ViewSql, nullable: true).Description("The SQL that defines the view, for views.");
        Field<LongGraphType>("rowCount").Description("Rows, as last measured at the source.").Resolve(c => c.Source.RowCount);
        Field<LongGraphType>("sizeBytes").Description("Size on disk, as last measured at the source.").Resolve(c => c.Source.SizeBytes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OwnerGraphType>>>>("owners").Description("Who owns the dataset.").Resolve(c => c.Source.Owners);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TagGraphType>>>>("tags").Description("Tags on the dataset itself.")
            .Resolve(c => c.LoadTags(c.Source.Tags));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GlossaryTermGraphType>>>>("glossaryTerms").Description("Glossary terms on the dataset itself.")
            .Resolve(c => c.LoadTerms(c.Source.GlossaryTerms));
        Field<DomainGraphType>("domain").Description("The business domain the dataset belongs to.")
            .Resolve(c => c.Source.Domain is null ? null : c.LoadOne<Domain>(Urn.Domain(c.Source.Domain), _ => Domain.Create(c.Source.Domain, default)));
        Field<DeprecationGraphType>("deprecation").Description("Set when the dataset is deprecated.").Resolve(c => c.Source.Deprecation);
        Field(d => d.Removed).Description("True when the dataset was deleted (soft delete) or vanished from its source.");
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("When the catalog first saw the dataset.").Resolve(c => c.Source.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When the dataset's metadata last changed.").Resolve(c => c.Source.UpdatedAt.UtcDateTime);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangeEventGraphType>>>>("history").Description("Recorded changes, newest first.")
            .Argument<IntGraphType>("first", "How many changes (default 50).", a => a.DefaultValue = 50)
            .Resolve(c => c.Loader<HistoryLoader>().Load(c.Source.Urn, c.GetArgument("first", 50)));
        QueryFront.GraphQL.QueryOperations.AddUsageField(this);
        Governance.GraphQL.GovernanceOperations.AddAccessField(this);
        Lineage.GraphQL.LineageOperations.AddLineageCounts(this);
        Profiles.GraphQL.ProfileOperations.AddProfileField(this);
        Documentation.GraphQL.DocumentOperations.AddDocumentsField(this);
    }
}

/// <summary>A column seen with the dataset it belongs to.</summary>
public sealed record ColumnOf(Dataset Dataset, SchemaField Column);

/// <summary>GraphQL enum of dataset kinds.</summary>
public sealed class DatasetKindEnum : EnumerationGraphType<DatasetKind>
{
    public DatasetKindEnum()
    {
        Name = "DatasetKind";
        Description = "The physical kind of a dataset.";
    }
}
