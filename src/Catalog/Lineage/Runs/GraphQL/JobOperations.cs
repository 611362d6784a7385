using GraphQL;
using GraphQL.Types;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.GraphQL;

namespace TownLake.Catalog.Lineage.Runs.GraphQL;

/// <summary>The job and run queries (<c>job</c>, <c>jobs</c>, <c>run</c>), the job's own fields, and <c>Dataset.producers/consumers/runs</c>.</summary>
public static class JobOperations
{
    /// <summary>The most items one page of jobs or runs holds.</summary>
    public const int MaxPage = 1_000;

    public static void AddJobQueries(this ObjectGraphType query)
    {
        query.Field<JobGraphType>("job").Description("One job by URN, or by OpenLineage namespace and name; null when unknown.")
            .Argument<IdGraphType>("urn", "The job's URN (urn:tl:job:<namespace>.<name>).")
            .Argument<StringGraphType>("namespace", "The job's OpenLineage namespace (with name).")
            .Argument<StringGraphType>("name", "The job's OpenLineage name (with namespace).")
            .ResolveAsync(async c =>
            {
                var urn = c.GetArgument<string?>("urn");
                var ns = c.GetArgument<string?>("namespace");
                var name = c.GetArgument<string?>("name");
                if ((urn is null) == (ns is null || name is null) || (urn is not null && (ns is not null || name is not null)))
                {
                    throw CatalogException.BadInput("Give either urn, or namespace and name.");
                }

                return await c.Service<IEntityStore>().GetAsync<Job>(urn ?? Urn.Job(ns!, name!), c.CancellationToken);
            });
        query.Field<NonNullGraphType<JobPageGraphType>>("jobs").Description("Jobs by namespace and name, optionally of one namespace or matching a text.")
            .Argument<StringGraphType>("namespace", "Only jobs of this OpenLineage namespace.")
            .Argument<StringGraphType>("query", "Only jobs whose name, namespace, description or SQL contains this text (case-insensitive).")
            .Argument<IntGraphType>("first", $"How many (default 50, at most {MaxPage}).", a => a.DefaultValue = 50)
            .Argument<IntGraphType>("offset", "How many to skip (default 0).", a => a.DefaultValue = 0)
            .ResolveAsync(async c =>
            {
                var (first, offset) = Page(c.GetArgument("first", 50), c.GetArgument("offset", 0));
                var ns = c.GetArgument<string?>("namespace");
                var text = c.GetArgument<string?>("query");
                var jobs = (await c.Service<IEntityStore>().ListAsync<Job>(EntityType.Job, false, c.CancellationToken))
                    .Where(j => ns is null || j.Namespace == ns)
                    .Where(j => string.IsNullOrWhiteSpace(text) || Contains(j, text.Trim()))
                    .OrderBy(j => j.Namespace, StringComparer.Ordinal).ThenBy(j => j.Name, StringComparer.Ordinal)
                    .ToList();
                return new JobPage([.. jobs.Skip(offset).Take(first)], jobs.Count);
            });
        query.Field<RunGraphType>("run").Description("One run by its id; null when unknown.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The run id (OpenLineage run.runId).")
            .ResolveAsync(async c => await c.Service<ILineageRunStore>().GetRunAsync(c.GetArgument<string>("id"), c.CancellationToken));
    }

    /// <summary>The job fields that come from runs and facets.</summary>
    public static void AddRunFields(this ObjectGraphType<Job> job)
    {
        job.Field<StringGraphType>("version").Description("A version that changes when the job's SQL, location, inputs or outputs change.").Resolve(c => c.Source.Version);
        job.Field<StringGraphType>("location").Description("Where the job's code lives (sourceCodeLocation job facet).").Resolve(c => c.Source.Location);
        job.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("owners").Description("The job's owners (ownership job facet).").Resolve(c => c.Source.Owners);
        job.Field<NonNullGraphType<StringGraphType>>("processingType").Description("BATCH or STREAMING.").Resolve(c => c.Source.ProcessingType);
        job.Field<StringGraphType>("integration").Description("The integration that reports the job (SPARK, AIRFLOW, DBT, …).").Resolve(c => c.Source.Integration);
        job.Field<JobGraphType>("parentJob").Description("The parent job (an Airflow task's DAG).").Resolve(c => c.Source.ParentJobUrn is { } urn ? c.LoadOne<Job>(urn, null) : null);
        job.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("inputUrns").Description("The datasets the job's latest run read.").Resolve(c => c.Source.Inputs);
        job.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("outputUrns").Description("The datasets the job's latest run wrote.").Resolve(c => c.Source.Outputs);
        job.Field<NonNullGraphType<ListGraphType<NonNullGraphType<Datasets.GraphQL.DatasetGraphType>>>>("inputs").Description("The datasets the job reads (those the catalog describes).")
            .ResolveAsync(async c => (await c.Service<IEntityStore>().GetManyAsync<Dataset>(c.Source.Inputs, c.CancellationToken)).Values.OrderBy(d => d.Urn, StringComparer.Ordinal).ToList());
        job.Field<NonNullGraphType<ListGraphType<NonNullGraphType<Datasets.GraphQL.DatasetGraphType>>>>("outputs").Description("The datasets the job writes (those the catalog describes).")
            .ResolveAsync(async c => (await c.Service<IEntityStore>().GetManyAsync<Dataset>(c.Source.Outputs, c.CancellationToken)).Values.OrderBy(d => d.Urn, StringComparer.Ordinal).ToList());
        job.Field<RunGraphType>("latestRun").Description("The run of the latest event.")
            .ResolveAsync(async c => c.Source.LastRunId is { } id ? await c.Service<ILineageRunStore>().GetRunAsync(id, c.CancellationToken) : null);
        job.Field<NonNullGraphType<RunPageGraphType>>("runs").Description("The job's runs, newest first.")
            .Argument<IntGraphType>("first", $"How many (default 20, at most {MaxPage}).", a => a.DefaultValue = 20)
            .Argument<IntGraphType>("offset", "How many to skip (default 0).", a => a.DefaultValue = 0)
            .ResolveAsync(async c =>
            {
                var (first, offset) = Page(c.GetArgument("first", 20), c.GetArgument("offset", 0));
                var (runs, total) = await c.Service<ILineageRunStore>().ListRunsAsync(c.Source.Urn, first, offset, c.CancellationToken);
                return new RunPage(runs, total);
            });
    }

    /// <summary>Adds <c>producers</c>, <c>consumers</c> and <c>runs</c> to the dataset type.</summary>
    public static void AddDatasetJobFields(this ObjectGraphType<Dataset> dataset)
    {
        dataset.Field<NonNullGraphType<ListGraphType<NonNullGraphType<JobGraphType>>>>("producers").Description("The jobs that write this dataset (from their runs and lineage edges).")
            .ResolveAsync(async c => await JobsAsync(c, c.Source.Urn, LineageDirection.Upstream));
        dataset.Field<NonNullGraphType<ListGraphType<NonNullGraphType<JobGraphType>>>>("consumers").Description("The jobs that read this dataset (from their runs and lineage edges).")
            .ResolveAsync(async c => await JobsAsync(c, c.Source.Urn, LineageDirection.Downstream));
        dataset.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RunGraphType>>>>("runs").Description("The runs that read or wrote this dataset, newest first.")
            .Argument<IntGraphType>("first", $"How many (default 20, at most {MaxPage}).", a => a.DefaultValue = 20)
            .ResolveAsync(async c => await c.Service<ILineageRunStore>().ListDatasetRunsAsync(c.Source.Urn, LineageDirection.Both, Page(c.GetArgument("first", 20), 0).First, c.CancellationToken));
    }

    private static async Task<List<Job>> JobsAsync(IResolveFieldContext<Dataset> c, string urn, LineageDirection direction)
    {
        var fromRuns = await c.Service<ILineageRunStore>().ListDatasetJobsAsync(urn, direction, c.CancellationToken);
        var snapshot = await c.Service<LineageIndex>().GetAsync(c.CancellationToken);
        var fromEdges = snapshot.JobsOf(urn, direction);
        var urns = fromRuns.Concat(fromEdges).Distinct(StringComparer.Ordinal).ToList();
        var jobs = await c.Service<IEntityStore>().GetManyAsync<Job>(urns, c.CancellationToken);
        return [.. jobs.Values.Where(j => !j.Removed).OrderBy(j => j.Urn, StringComparer.Ordinal)];
    }

    private static (int First, int Offset) Page(int first, int offset) =>
        first is < 0 or > MaxPage || offset < 0
            ? throw CatalogException.BadInput($"first must be between 0 and {MaxPage} and offset 0 or more.")
            : (first, offset);

    private static bool Contains(Job job, string text) =>
        job.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || job.Namespace.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (job.Description?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false) || (job.Sql?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);
}
