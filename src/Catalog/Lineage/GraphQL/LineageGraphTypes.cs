using GraphQL.Types;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Datasets.GraphQL;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.Dbt;

namespace TownLake.Catalog.Lineage.GraphQL;

/// <summary>GraphQL enum of lineage directions.</summary>
public sealed class LineageDirectionEnum : EnumerationGraphType<LineageDirection>
{
    public LineageDirectionEnum()
    {
        Name = "LineageDirection";
        Description = "Which way to walk lineage: towards sources, towards consumers, or both.";
    }
}

/// <summary>GraphQL type of a node of a walked lineage graph.</summary>
public sealed class LineageNodeGraphType : ObjectGraphType<LineageNode>
{
    public LineageNodeGraphType()
    {
        Name = "LineageNode";
        Description = "A dataset, or one of its columns, reached by a lineage walk.";
        Field<NonNullGraphType<IdGraphType>>("urn").Description("The dataset's URN, or the column's (urn:tl:schemaField:(<dataset urn>,<column>)).").Resolve(c => c.Source.Urn);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The dataset's name (catalog.schema.table), or the column's name.")
            .Resolve(c => c.Source.Column ?? Urn.DatasetNameOf(c.Source.DatasetUrn).ToString());
        Field<NonNullGraphType<EntityTypeEnum>>("type").Description("DATASET or COLUMN.").Resolve(c => c.Source.Column is null ? EntityType.Dataset : EntityType.Column);
        Field<DatasetGraphType>("dataset").Description("The dataset (of the column); null when the catalog does not describe it.")
            .Resolve(c => c.LoadOne<Dataset>(c.Source.DatasetUrn, null));
        Field<StringGraphType>("column").Description("The column's name, for column nodes.").Resolve(c => c.Source.Column);
        Field<NonNullGraphType<IntGraphType>>("depth").Description("Steps from the root (0 for the root).").Resolve(c => c.Source.Depth);
    }
}

/// <summary>GraphQL type of a lineage edge.</summary>
public sealed class LineageEdgeGraphType : ObjectGraphType<LineageEdge>
{
    public LineageEdgeGraphType()
    {
        Name = "LineageEdge";
        Description = "The downstream dataset (or column) is derived from the upstream one.";
        Field<NonNullGraphType<IdGraphType>>("upstream").Description("The upstream dataset's URN.").Resolve(c => c.Source.UpstreamUrn);
        Field<NonNullGraphType<IdGraphType>>("downstream").Description("The downstream dataset's URN.").Resolve(c => c.Source.DownstreamUrn);
        Field<StringGraphType>("upstreamColumn").Description("The upstream column, for column edges.").Resolve(c => c.Source.UpstreamColumn.Length == 0 ? null : c.Source.UpstreamColumn);
        Field<StringGraphType>("downstreamColumn").Description("The downstream column, for column edges (null for a dataset-wide indirect edge).")
            .Resolve(c => c.Source.DownstreamColumn.Length == 0 ? null : c.Source.DownstreamColumn);
        Field<NonNullGraphType<StringGraphType>>("origin").Description("Where the edge came from: sql, openlineage, dbt, view, manual.").Resolve(c => c.Source.Origin);
        Field<StringGraphType>("transformation").Description("OpenLineage transformation, TYPE/SUBTYPE (e.g. DIRECT/AGGREGATION; several comma-separated).").Resolve(c => c.Source.Transformation);
        Field<StringGraphType>("expression").Description("The expression computing the downstream column, e.g. billed_amount / 12.").Resolve(c => c.Source.Expression);
        Field<JobGraphType>("job").Description("The job that produced the downstream dataset, when known.")
            .Resolve(c => c.Source.JobUrn is null ? null : c.LoadOne<Job>(c.Source.JobUrn, null));
    }
}

/// <summary>GraphQL type of a walked lineage graph.</summary>
public sealed class LineageGraphGraphType : ObjectGraphType<LineageGraph>
{
    public LineageGraphGraphType()
    {
        Name = "LineageGraph";
        Description = "The lineage around a dataset: reached nodes with their depth, and the edges among them.";
        Field<NonNullGraphType<IdGraphType>>("root").Description("The URN the walk started from.").Resolve(c => c.Source.Root);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageNodeGraphType>>>>("nodes").Description("Reached datasets (and columns), nearest first.").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageEdgeGraphType>>>>("edges").Description("Edges among the reached datasets.").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<BooleanGraphType>>("truncated").Description("True when the node cap cut the walk short.").Resolve(c => c.Source.Truncated);
    }
}

/// <summary>GraphQL type of an item of an impact analysis.</summary>
public sealed class ImpactedItemGraphType : ObjectGraphType<ImpactedItem>
{
    public ImpactedItemGraphType()
    {
        Name = "ImpactedItem";
        Description = "A downstream dataset (or column) affected by a change, with the owners to tell.";
        Field<NonNullGraphType<DatasetGraphType>>("dataset").Description("The affected dataset.").Resolve(c => c.Source.Dataset);
        Field<StringGraphType>("column").Description("The affected column, for column impact.").Resolve(c => c.Source.Column);
        Field<NonNullGraphType<IntGraphType>>("depth").Description("Steps downstream of the changed dataset.").Resolve(c => c.Source.Depth);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OwnerGraphType>>>>("owners").Description("The affected dataset's owners.").Resolve(c => c.Source.Owners);
    }
}

/// <summary>GraphQL type of a job.</summary>
public sealed class JobGraphType : ObjectGraphType<Job>
{
    public JobGraphType()
    {
        Name = "Job";
        Description = "A job that produces datasets: an OpenLineage job, a dbt model, the SQL that builds a table.";
        this.AddEntityFields();
        Field(j => j.Namespace).Description("The job's namespace (OpenLineage), e.g. dbt or townlake.");
        Field(j => j.Sql, nullable: true).Description("The SQL the job runs, when known.");
        Field(j => j.Description, nullable: true).Description("What the job does.");
        Field<DateTimeGraphType>("lastRunAt").Description("When the job last ran, as reported.").Resolve(c => c.Source.LastRunAt?.UtcDateTime);
        Field(j => j.LastRunState, nullable: true).Description("The last run's event type: START, COMPLETE, FAIL, …");
        Runs.GraphQL.JobOperations.AddRunFields(this);
    }
}

/// <summary>GraphQL type of a dbt ingestion summary.</summary>
public sealed class DbtIngestionSummaryGraphType : ObjectGraphType<DbtIngestionSummary>
{
    public DbtIngestionSummaryGraphType()
    {
        Name = "DbtIngestionSummary";
        Description = "What ingesting a dbt manifest did.";
        Field(s => s.Connection, nullable: true).Description("The connection the datasets were put under (null: their dbt database).");
        Field(s => s.Models).Description("Models read.");
        Field(s => s.Sources).Description("Sources read.");
        Field(s => s.Seeds).Description("Seeds read.");
        Field(s => s.Snapshots).Description("Snapshots read.");
        Field(s => s.Tests).Description("Tests attached to datasets.");
        Field(s => s.Datasets).Description("Datasets created or updated.");
        Field(s => s.Edges).Description("Lineage edges recorded (dataset and column).");
        Field(s => s.ColumnEdges).Description("Column edges derived from compiled SQL.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("warnings").Description("What was skipped, and why.").Resolve(c => c.Source.Warnings);
        Field(s => s.DurationMs).Description("How long it took.");
    }
}
