using System.Text.Json.Nodes;
using GraphQL.Types;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Datasets.GraphQL;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Lineage.GraphQL;

namespace TownLake.Catalog.Lineage.Runs.GraphQL;

/// <summary>GraphQL type of a run of a job.</summary>
public sealed class RunGraphType : ObjectGraphType<JobRun>
{
    public RunGraphType()
    {
        Name = "Run";
        Description = "One run of a job, as its OpenLineage events reported it.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The run id (OpenLineage run.runId).").Resolve(c => c.Source.RunId);
        Field<JobGraphType>("job").Description("The job this is a run of.").Resolve(c => c.LoadOne<Job>(c.Source.JobUrn, null));
        Field<NonNullGraphType<StringGraphType>>("state").Description("NEW, RUNNING, COMPLETED, FAILED or ABORTED.").Resolve(c => c.Source.State);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("The earliest event time of the run.").Resolve(c => c.Source.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("The latest event time of the run.").Resolve(c => c.Source.UpdatedAt.UtcDateTime);
        Field<DateTimeGraphType>("startedAt").Description("When the run started (its first START or RUNNING event).").Resolve(c => c.Source.StartedAt?.UtcDateTime);
        Field<DateTimeGraphType>("endedAt").Description("When the run ended (COMPLETE, FAIL or ABORT).").Resolve(c => c.Source.EndedAt?.UtcDateTime);
        Field<LongGraphType>("durationMs").Description("Milliseconds from start to end, when both are known.").Resolve(c => c.Source.DurationMs);
        Field<DateTimeGraphType>("nominalStartTime").Description("The scheduled start (nominalTime run facet).").Resolve(c => c.Source.NominalStartTime?.UtcDateTime);
        Field<DateTimeGraphType>("nominalEndTime").Description("The scheduled end (nominalTime run facet).").Resolve(c => c.Source.NominalEndTime?.UtcDateTime);
        Field<StringGraphType>("parentRunId").Description("The parent run (an Airflow task's DAG run), from the parent run facet.").Resolve(c => c.Source.ParentRunId);
        Field<RunGraphType>("parentRun").Description("The parent run, when TownLake has seen it.")
            .ResolveAsync(async c => c.Source.ParentRunId is { } id ? await c.Service<ILineageRunStore>().GetRunAsync(id, c.CancellationToken) : null);
        Field<JobGraphType>("parentJob").Description("The parent job (an Airflow DAG).").Resolve(c => c.Source.ParentJobUrn is { } urn ? c.LoadOne<Job>(urn, null) : null);
        Field<StringGraphType>("jobVersion").Description("The version of the job this run ran.").Resolve(c => c.Source.JobVersion);
        Field<StringGraphType>("errorMessage").Description("The error the run failed with (errorMessage run facet).").Resolve(c => c.Source.ErrorMessage);
        Field<StringGraphType>("errorLanguage").Description("The programming language of the error.").Resolve(c => c.Source.ErrorLanguage);
        Field<StringGraphType>("stackTrace").Description("The error's stack trace.").Resolve(c => c.Source.StackTrace);
        Field<NonNullGraphType<JsonGraphType>>("facets").Description("Every run facet reported, later events over earlier ones.").Resolve(c => JsonNode.Parse(c.Source.Facets));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RunTransitionGraphType>>>>("transitions").Description("Each state the run reported, in time order.").Resolve(c => c.Source.Transitions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RunDatasetGraphType>>>>("inputs").Description("The datasets (and versions) the run read.").Resolve(c => c.Source.Inputs);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RunDatasetGraphType>>>>("outputs").Description("The datasets (and versions) the run wrote.").Resolve(c => c.Source.Outputs);
    }
}

/// <summary>GraphQL type of a state change of a run.</summary>
public sealed class RunTransitionGraphType : ObjectGraphType<RunTransition>
{
    public RunTransitionGraphType()
    {
        Name = "RunTransition";
        Description = "A state a run reported, and when.";
        Field(t => t.State).Description("NEW, RUNNING, COMPLETED, FAILED or ABORTED.");
        Field(t => t.EventType).Description("The OpenLineage event type that reported it.");
        Field<NonNullGraphType<DateTimeGraphType>>("at").Description("The event time.").Resolve(c => c.Source.At.UtcDateTime);
    }
}

/// <summary>GraphQL type of a dataset a run read or wrote.</summary>
public sealed class RunDatasetGraphType : ObjectGraphType<RunDataset>
{
    public RunDatasetGraphType()
    {
        Name = "RunDataset";
        Description = "A dataset a run read or wrote, under the OpenLineage name the run used, with the version it saw.";
        Field<DatasetGraphType>("dataset").Description("The catalog dataset.").Resolve(c => c.LoadOne<Dataset>(c.Source.DatasetUrn, null));
        Field<NonNullGraphType<IdGraphType>>("datasetUrn").Description("The catalog dataset's URN.").Resolve(c => c.Source.DatasetUrn);
        Field(d => d.Namespace).Description("The OpenLineage namespace the run named it under.");
        Field(d => d.Name).Description("The OpenLineage name the run used.");
        Field(d => d.Version, nullable: true).Description("The dataset version the producer reported (version dataset facet).");
    }
}

/// <summary>GraphQL type of a page of runs.</summary>
public sealed class RunPageGraphType : ObjectGraphType<RunPage>
{
    public RunPageGraphType()
    {
        Name = "RunPage";
        Description = "A page of runs, newest first.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RunGraphType>>>>("items").Description("The runs of this page.").Resolve(c => c.Source.Items);
        Field(p => p.TotalCount).Description("How many runs there are in all.");
    }
}

/// <summary>A page of runs and their total.</summary>
public sealed record RunPage(IReadOnlyList<JobRun> Items, int TotalCount);

/// <summary>GraphQL type of a page of jobs.</summary>
public sealed class JobPageGraphType : ObjectGraphType<JobPage>
{
    public JobPageGraphType()
    {
        Name = "JobPage";
        Description = "A page of jobs, by namespace and name.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JobGraphType>>>>("items").Description("The jobs of this page.").Resolve(c => c.Source.Items);
        Field(p => p.TotalCount).Description("How many jobs match in all.");
    }
}

/// <summary>A page of jobs and how many match.</summary>
public sealed record JobPage(IReadOnlyList<Job> Items, int TotalCount);
