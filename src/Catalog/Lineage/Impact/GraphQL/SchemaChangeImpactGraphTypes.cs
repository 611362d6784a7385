using GraphQL.Types;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage.Impact.GraphQL;

/// <summary>GraphQL type of a recorded schema-change impact.</summary>
public sealed class SchemaChangeImpactGraphType : ObjectGraphType<SchemaChangeImpact>
{
    public SchemaChangeImpactGraphType()
    {
        Name = "SchemaChangeImpact";
        Description = "What a schema change (columns dropped, renamed or retyped) reached downstream when it was ingested.";
        Field<NonNullGraphType<IdGraphType>>("datasetUrn").Description("The changed dataset.").Resolve(c => c.Source.DatasetUrn);
        Field<NonNullGraphType<IntGraphType>>("schemaVersion").Description("The schema version the change produced (as in the dataset's history).").Resolve(c => c.Source.SchemaVersion);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Description("When the change was ingested.").Resolve(c => c.Source.At.UtcDateTime);
        Field(i => i.Actor).Description("Who (or which ingester) made the change.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SchemaColumnChangeGraphType>>>>("changes").Description("The breaking column changes.").Resolve(c => c.Source.Changes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImpactedColumnGraphType>>>>("columns").Description("Every downstream column reading a changed column, nearest first.").Resolve(c => c.Source.Columns);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("jobUrns").Description("The jobs that compute the impacted columns.").Resolve(c => c.Source.Jobs);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Lineage.GraphQL.JobGraphType>>>>("jobs").Description("The impacted jobs the catalog records.")
            .Resolve(c => c.LoadMany<Job>(c.Source.Jobs, null));
        Field<NonNullGraphType<BooleanGraphType>>("truncated").Description("True when the walk stopped at its cap: more may be affected.").Resolve(c => c.Source.Truncated);
    }
}

/// <summary>GraphQL enumeration of <see cref="SchemaChangeKind"/>.</summary>
public sealed class SchemaChangeKindEnum : EnumerationGraphType<SchemaChangeKind>
{
    public SchemaChangeKindEnum()
    {
        Name = "SchemaChangeKind";
        Description = "How a column changed: DROPPED, RENAMED or RETYPED.";
    }
}

/// <summary>GraphQL type of one breaking column change.</summary>
public sealed class SchemaColumnChangeGraphType : ObjectGraphType<SchemaColumnChange>
{
    public SchemaColumnChangeGraphType()
    {
        Name = "SchemaColumnChange";
        Description = "One column dropped, renamed or retyped.";
        Field(c => c.Column).Description("The column's name before the change.");
        Field<NonNullGraphType<SchemaChangeKindEnum>>("kind").Description("What happened to it.").Resolve(c => c.Source.Kind);
        Field(c => c.NewName, nullable: true).Description("Its new name, when renamed.");
        Field(c => c.OldType, nullable: true).Description("Its type before the change.");
        Field(c => c.NewType, nullable: true).Description("Its type after the change, when renamed or retyped.");
    }
}

/// <summary>GraphQL type of a downstream column a schema change reaches.</summary>
public sealed class ImpactedColumnGraphType : ObjectGraphType<ImpactedColumn>
{
    public ImpactedColumnGraphType()
    {
        Name = "ImpactedColumn";
        Description = "A downstream column that reads a changed column.";
        Field<NonNullGraphType<IdGraphType>>("datasetUrn").Description("Its dataset.").Resolve(c => c.Source.DatasetUrn);
        Field<NonNullGraphType<StringGraphType>>("dataset").Description("Its dataset's name (catalog.schema.table).").Resolve(c => Urn.DatasetNameOf(c.Source.DatasetUrn).ToString());
        Field(c => c.Column).Description("The column.");
        Field(c => c.Depth).Description("Steps downstream of the changed column.");
        Field(c => c.Source).Description("The changed column it reads.");
    }
}
