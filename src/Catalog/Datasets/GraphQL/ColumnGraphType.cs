using GraphQL.Types;
using TownLake.Catalog.Glossary;
using TownLake.Catalog.Glossary.GraphQL;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Tags;

namespace TownLake.Catalog.Datasets.GraphQL;

/// <summary>GraphQL type of a column (schema field).</summary>
public sealed class ColumnGraphType : ObjectGraphType<ColumnOf>
{
    public ColumnGraphType()
    {
        Name = "Column";
        Description = "A column of a dataset (a schema field). Its name may contain any character the source allows.";
        Field<NonNullGraphType<IdGraphType>>("urn").Description("The column's identifier: urn:tl:schemaField:(<dataset urn>,<column>).").Resolve(c => Urn.Column(c.Source.Dataset.Urn, c.Source.Column.Name));
        Field<NonNullGraphType<StringGraphType>>("name").Description("The column's name, exactly as at the source.").Resolve(c => c.Source.Column.Name);
        Field<StringGraphType>("type").Description("The native SQL type, e.g. DECIMAL(18,2).").Resolve(c => c.Source.Column.NativeType);
        Field<NonNullGraphType<BooleanGraphType>>("nullable").Description("Whether the column may hold NULL.").Resolve(c => c.Source.Column.Nullable);
        Field<NonNullGraphType<IntGraphType>>("ordinal").Description("Position in the dataset, from 1.").Resolve(c => c.Source.Column.Ordinal);
        Field<StringGraphType>("description").Description("A person's description when there is one, else the source's.").Resolve(c => c.Source.Column.Description);
        Field<NonNullGraphType<BooleanGraphType>>("isPrimaryKey").Description("Whether the column is (part of) the primary key.").Resolve(c => c.Source.Column.IsPrimaryKey);
        Field<ForeignKeyGraphType>("foreignKey").Description("The column this one references, if any.").Resolve(c => c.Source.Column.ForeignKey);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TagGraphType>>>>("tags").Description("Tags on this column.")
            .Resolve(c => c.LoadTags(c.Source.Column.Tags));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GlossaryTermGraphType>>>>("glossaryTerms").Description("Glossary terms on this column.")
            .Resolve(c => c.LoadTerms(c.Source.Column.GlossaryTerms));
        Field<NonNullGraphType<DatasetGraphType>>("dataset").Description("The dataset the column belongs to.").Resolve(c => c.Source.Dataset);
        Profiles.GraphQL.ProfileOperations.AddProfileField(this);
    }
}

/// <summary>GraphQL type of a foreign-key reference.</summary>
public sealed class ForeignKeyGraphType : ObjectGraphType<ForeignKeyRef>
{
    public ForeignKeyGraphType()
    {
        Name = "ForeignKey";
        Description = "A reference to another dataset's column.";
        Field(f => f.Dataset).Description("The referenced dataset's name.");
        Field(f => f.Column).Description("The referenced column's name.");
    }
}

/// <summary>GraphQL type of a custom property.</summary>
public sealed class CustomPropertyGraphType : ObjectGraphType<CustomProperty>
{
    public CustomPropertyGraphType()
    {
        Name = "CustomProperty";
        Description = "A free-form key/value property.";
        Field(p => p.Key).Description("The property's key.");
        Field(p => p.Value).Description("The property's value.");
    }
}

/// <summary>GraphQL type of a deprecation notice.</summary>
public sealed class DeprecationGraphType : ObjectGraphType<Deprecation>
{
    public DeprecationGraphType()
    {
        Name = "Deprecation";
        Description = "A dataset's deprecation notice.";
        Field(d => d.Deprecated).Description("Whether the dataset is deprecated.");
        Field(d => d.Note, nullable: true).Description("What to use instead, or why.");
        Field(d => d.Actor, nullable: true).Description("Who deprecated it.");
        Field<DateTimeGraphType>("at").Description("When it was deprecated.").Resolve(c => c.Source.At.UtcDateTime);
    }
}
