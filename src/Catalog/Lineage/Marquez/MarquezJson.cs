using System.Text.Json.Nodes;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Lineage.Runs;

namespace TownLake.Catalog.Lineage.Marquez;

/// <summary>
/// Marquez's JSON shapes (its <c>spec/openapi.yml</c> component schemas, field for field as <c>marquez.service.models</c>
/// serialises them, nulls included): Namespace, Source, Dataset, DatasetVersion, Job, JobVersion, Run, Tag.
/// </summary>
public static class MarquezJson
{
    /// <summary>Namespace schemes whose datasets are streams (topics), Marquez's <c>STREAM</c> type; everything else is a table.</summary>
    private static readonly string[] StreamSchemes = ["kafka://", "pulsar://", "kinesis://", "pubsub://"];

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? value) => value is { } v ? Time(v) : null;

    public static string DatasetType(string @namespace) =>
        StreamSchemes.Any(s => @namespace.StartsWith(s, StringComparison.OrdinalIgnoreCase)) ? "STREAM" : "DB_TABLE";

    /// <summary>The source type of a namespace: its URI scheme in capitals (postgres://… → POSTGRES), as Marquez names OpenLineage sources.</summary>
    public static string SourceType(string @namespace)
    {
        var separator = @namespace.IndexOf("://", StringComparison.Ordinal);
        return separator > 0 ? @namespace[..separator].ToUpperInvariant() : "UNKNOWN";
    }

    public static JsonObject Namespace(string name, DateTimeOffset createdAt, DateTimeOffset updatedAt) => new()
    {
        ["name"] = name,
        ["createdAt"] = Time(createdAt),
        ["updatedAt"] = Time(updatedAt),
        ["ownerName"] = "anonymous",
        ["description"] = null,
        ["isHidden"] = false,
    };

    public static JsonObject Source(string name, DateTimeOffset createdAt, DateTimeOffset updatedAt) => new()
    {
        ["type"] = SourceType(name),
        ["name"] = name,
        ["createdAt"] = Time(createdAt),
        ["updatedAt"] = Time(updatedAt),
        ["connectionUrl"] = name,
        ["description"] = null,
    };

    /// <summary>A dataset with the fields the caller may see.</summary>
    public static JsonObject Dataset(MarquezDataset dataset, IReadOnlyList<SchemaField> fields, MarquezDatasetState state)
    {
        var type = DatasetType(dataset.Namespace);
        var json = new JsonObject
        {
            ["id"] = new JsonObject { ["namespace"] = dataset.Namespace, ["name"] = dataset.Name },
            ["type"] = type,
            ["name"] = dataset.Name,
            ["physicalName"] = dataset.Name,
            ["createdAt"] = Time(dataset.Dataset.CreatedAt),
            ["updatedAt"] = Time(dataset.Dataset.UpdatedAt),
            ["namespace"] = dataset.Namespace,
            ["sourceName"] = dataset.Namespace,
            ["fields"] = Fields(fields),
            ["tags"] = Strings(dataset.Dataset.Tags),
            ["lastModifiedAt"] = Time(state.LastModifiedAt),
            ["lastLifecycleState"] = state.LastLifecycleState,
            ["description"] = dataset.Dataset.Description,
            ["currentVersion"] = state.CurrentVersion,
            ["columnLineage"] = null,
            ["facets"] = new JsonObject(),
            ["deleted"] = dataset.Dataset.Removed,
        };
        if (type == "STREAM")
        {
            json["schemaLocation"] = null;
        }

        return json;
    }

    /// <summary>One version of a dataset: what a run wrote (its fields are the dataset's current ones; TownLake keeps one schema).</summary>
    public static JsonObject DatasetVersion(MarquezDataset dataset, IReadOnlyList<SchemaField> fields, string version, JobRun run, string? lifecycleState, JsonObject createdByRun) => new()
    {
        ["id"] = new JsonObject { ["namespace"] = dataset.Namespace, ["name"] = dataset.Name, ["version"] = version },
        ["type"] = DatasetType(dataset.Namespace),
        ["name"] = dataset.Name,
        ["physicalName"] = dataset.Name,
        ["createdAt"] = Time(run.EndedAt ?? run.UpdatedAt),
        ["version"] = version,
        ["namespace"] = dataset.Namespace,
        ["sourceName"] = dataset.Namespace,
        ["fields"] = Fields(fields),
        ["tags"] = Strings(dataset.Dataset.Tags),
        ["lifecycleState"] = lifecycleState,
        ["description"] = dataset.Dataset.Description,
        ["createdByRunUuid"] = run.RunId,
        ["createdByRun"] = createdByRun,
        ["columnLineage"] = null,
        ["facets"] = new JsonObject(),
    };

    /// <summary>A job; <paramref name="parent"/> is its parent job (an Airflow task's DAG), <paramref name="facets"/> its latest job facets.</summary>
    public static JsonObject Job(Job job, Job? parent, JobRun? latestRun, IReadOnlyList<JobRun> latestRuns,
        IEnumerable<(string Namespace, string Name)> inputs, IEnumerable<(string Namespace, string Name)> outputs, JsonObject facets) => new()
    {
        ["id"] = new JsonObject { ["namespace"] = job.Namespace, ["name"] = job.Name },
        ["type"] = JobType(job.ProcessingType),
        ["name"] = job.Name,
        ["simpleName"] = parent is not null && job.Name.StartsWith(parent.Name + ".", StringComparison.Ordinal) ? job.Name[(parent.Name.Length + 1)..] : job.Name,
        ["parentJobName"] = parent?.Name,
        ["parentJobUuid"] = null,
        ["createdAt"] = Time(job.CreatedAt),
        ["updatedAt"] = Time(job.UpdatedAt),
        ["namespace"] = job.Namespace,
        ["inputs"] = DatasetIds(inputs),
        ["outputs"] = DatasetIds(outputs),
        ["location"] = job.Location,
        ["description"] = job.Description,
        ["latestRun"] = latestRun is null ? null : Run(latestRun, job),
        ["latestRuns"] = new JsonArray([.. latestRuns.Select(r => (JsonNode)Run(r, job))]),
        ["facets"] = facets,
        ["currentVersion"] = job.Version is null ? null : MarquezVersionId.Of(job.Namespace, job.Name, job.Version),
        ["labels"] = new JsonArray(),
        ["tags"] = new JsonArray(),
    };

    /// <summary>One version of a job, from the runs that ran it (the latest of them gives its inputs and outputs).</summary>
    public static JsonObject JobVersion(Job job, string version, IReadOnlyList<JobRun> runs) => new()
    {
        ["id"] = new JsonObject { ["namespace"] = job.Namespace, ["name"] = job.Name, ["version"] = MarquezVersionId.Of(job.Namespace, job.Name, version) },
        ["name"] = job.Name,
        ["version"] = MarquezVersionId.Of(job.Namespace, job.Name, version),
        ["createdAt"] = Time(runs.Min(r => r.CreatedAt)),
        ["updatedAt"] = Time(runs.Max(r => r.UpdatedAt)),
        ["namespace"] = job.Namespace,
        ["location"] = job.Location,
        ["inputs"] = DatasetIds(runs[0].Inputs.Select(d => (d.Namespace, d.Name))),
        ["outputs"] = DatasetIds(runs[0].Outputs.Select(d => (d.Namespace, d.Name))),
        ["latestRun"] = Run(runs[0], job),
        ["facets"] = new JsonObject(),
    };

    /// <summary>A run in Marquez's <c>Run</c> shape; dataset and job versions as Marquez's UUIDs.</summary>
    public static JsonObject Run(JobRun run, Job job) => Run(run, job.Namespace, job.Name);

    public static JsonObject Run(JobRun run, string jobNamespace, string jobName) => new()
    {
        ["id"] = run.RunId,
        ["createdAt"] = Time(run.CreatedAt),
        ["updatedAt"] = Time(run.UpdatedAt),
        ["nominalStartTime"] = Time(run.NominalStartTime),
        ["nominalEndTime"] = Time(run.NominalEndTime),
        ["state"] = run.State,
        ["startedAt"] = Time(run.StartedAt),
        ["endedAt"] = Time(run.EndedAt),
        ["durationMs"] = run.DurationMs,
        ["args"] = new JsonObject(),
        ["jobVersion"] = run.JobVersion is null ? null : new JsonObject
        {
            ["namespace"] = jobNamespace,
            ["name"] = jobName,
            ["version"] = MarquezVersionId.Of(jobNamespace, jobName, run.JobVersion),
        },
        ["inputDatasetVersions"] = new JsonArray([.. run.Inputs.Select(d => DatasetVersionRef(d, run))]),
        ["outputDatasetVersions"] = new JsonArray([.. run.Outputs.Select(d => DatasetVersionRef(d, run))]),
        ["context"] = new JsonObject(),
        ["facets"] = JsonNode.Parse(run.Facets),
    };

    /// <summary>The Marquez version id of a dataset version a run read or wrote (the run's own id when the producer gave none).</summary>
    public static string VersionOf(RunDataset dataset, JobRun run) => MarquezVersionId.Of(dataset.Namespace, dataset.Name, dataset.Version ?? run.RunId);

    public static JsonObject Tag(string name, string? description) => new() { ["name"] = name, ["description"] = description };

    /// <summary>Marquez's job types are BATCH, STREAM and SERVICE; OpenLineage's jobType facet says STREAMING.</summary>
    private static string JobType(string processingType) => processingType.ToUpperInvariant() switch
    {
        "STREAMING" or "STREAM" => "STREAM",
        "SERVICE" => "SERVICE",
        _ => "BATCH",
    };

    private static JsonNode DatasetVersionRef(RunDataset dataset, JobRun run) => new JsonObject
    {
        ["datasetVersionId"] = new JsonObject { ["namespace"] = dataset.Namespace, ["name"] = dataset.Name, ["version"] = VersionOf(dataset, run) },
        ["facets"] = new JsonObject(),
    };

    private static JsonArray Fields(IEnumerable<SchemaField> fields) => new([.. fields.OrderBy(f => f.Ordinal).Select(f => (JsonNode)new JsonObject
    {
        ["name"] = f.Name,
        ["type"] = f.NativeType ?? "UNKNOWN",
        ["tags"] = Strings(f.Tags),
        ["description"] = f.Description,
    })]);

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    private static JsonArray DatasetIds(IEnumerable<(string Namespace, string Name)> ids) =>
        new([.. ids.Distinct().Select(i => (JsonNode)new JsonObject { ["namespace"] = i.Namespace, ["name"] = i.Name })]);
}

/// <summary>What runs say of a dataset: its current version (the latest written), when a successful run last wrote it, and the lifecycle change it reported.</summary>
public sealed record MarquezDatasetState(string? CurrentVersion, DateTimeOffset? LastModifiedAt, string? LastLifecycleState)
{
    public static MarquezDatasetState None { get; } = new(null, null, null);
}
