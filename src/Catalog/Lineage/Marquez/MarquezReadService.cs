using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.OpenLineage;
using TownLake.Catalog.Lineage.Runs;
using TownLake.Catalog.Tags;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Lineage.Marquez;

/// <summary>
/// Answers Marquez's read API (namespaces, sources, datasets and their versions, jobs and their versions and runs, runs
/// and their facets, search, tags) from the catalog, shape for shape with Marquez's OpenAPI spec. Governance holds as
/// on the other faces: a dataset's <c>fields</c> list only the columns the caller's queries can see, unless the caller
/// reviews datasets or owns this one (who see pending column names in GraphQL too).
/// </summary>
public sealed class MarquezReadService(
    IEntityStore store,
    IDatasetAliasStore aliases,
    ILineageRunStore runs,
    ILineageEventLog events,
    AccessEvaluator access,
    GovernanceService governance,
    OpenLineageNaming naming)
{
    /// <summary>Marquez's limit on namespace, source, dataset and job names.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>How many runs a dataset's or job's versions are read from at most.</summary>
    private const int MaxRunsRead = 1000;

    public async Task<JsonObject> ListNamespacesAsync(MarquezPage page, CancellationToken cancellationToken)
    {
        var namespaces = (await ViewAsync(cancellationToken)).Namespaces();
        return new JsonObject { ["namespaces"] = Array(page.Of(namespaces).Select(n => MarquezJson.Namespace(n.Name, n.CreatedAt, n.UpdatedAt))) };
    }

    public async Task<JsonObject> GetNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        CheckName("namespace", name);
        var found = (await ViewAsync(cancellationToken)).Namespaces().Where(n => n.Name == name).ToList();
        return found.Count == 0 ? throw NamespaceNotFound(name) : MarquezJson.Namespace(found[0].Name, found[0].CreatedAt, found[0].UpdatedAt);
    }

    public async Task<JsonObject> ListSourcesAsync(MarquezPage page, CancellationToken cancellationToken)
    {
        var sources = (await ViewAsync(cancellationToken)).Sources();
        return new JsonObject { ["sources"] = Array(page.Of(sources).Select(s => MarquezJson.Source(s.Name, s.CreatedAt, s.UpdatedAt))) };
    }

    public async Task<JsonObject> GetSourceAsync(string name, CancellationToken cancellationToken)
    {
        CheckName("source", name);
        var found = (await ViewAsync(cancellationToken)).Sources().Where(s => s.Name == name).ToList();
        return found.Count == 0
            ? throw CatalogException.NotFound($"Source {InputEcho.Quote(name)} not found.")
            : MarquezJson.Source(found[0].Name, found[0].CreatedAt, found[0].UpdatedAt);
    }

    public async Task<JsonObject> ListDatasetsAsync(Caller caller, string @namespace, MarquezPage page, CancellationToken cancellationToken)
    {
        CheckName("namespace", @namespace);
        var view = await ViewAsync(cancellationToken);
        if (!view.HasNamespace(@namespace))
        {
            throw NamespaceNotFound(@namespace);
        }

        var all = view.DatasetsIn(@namespace);
        var shown = page.Of(all).ToList();
        var fields = await VisibleFieldsAsync(caller, shown.Select(d => d.Dataset).ToList(), cancellationToken);
        var datasets = new JsonArray();
        foreach (var dataset in shown)
        {
            datasets.Add(MarquezJson.Dataset(dataset, fields[dataset.Dataset.Urn], await StateAsync(dataset, cancellationToken)));
        }

        return new JsonObject { ["totalCount"] = all.Count, ["datasets"] = datasets };
    }

    public async Task<JsonObject> GetDatasetAsync(Caller caller, string @namespace, string name, CancellationToken cancellationToken)
    {
        var dataset = await FindDatasetAsync(@namespace, name, cancellationToken);
        var fields = await VisibleFieldsAsync(caller, [dataset.Dataset], cancellationToken);
        return MarquezJson.Dataset(dataset, fields[dataset.Dataset.Urn], await StateAsync(dataset, cancellationToken));
    }

    /// <summary>A dataset's versions, newest first: one per version a run wrote.</summary>
    public async Task<JsonObject> ListDatasetVersionsAsync(Caller caller, string @namespace, string name, MarquezPage page, CancellationToken cancellationToken)
    {
        var dataset = await FindDatasetAsync(@namespace, name, cancellationToken);
        var versions = await DatasetVersionsAsync(dataset, cancellationToken);
        var fields = (await VisibleFieldsAsync(caller, [dataset.Dataset], cancellationToken))[dataset.Dataset.Urn];
        var list = new JsonArray();
        foreach (var (version, run) in page.Of(versions))
        {
            list.Add(await DatasetVersionAsync(dataset, fields, version, run, cancellationToken));
        }

        return new JsonObject { ["totalCount"] = versions.Count, ["versions"] = list };
    }

    public async Task<JsonObject> GetDatasetVersionAsync(Caller caller, string @namespace, string name, string version, CancellationToken cancellationToken)
    {
        var wanted = Uuid("version", version);
        var dataset = await FindDatasetAsync(@namespace, name, cancellationToken);
        var match = (await DatasetVersionsAsync(dataset, cancellationToken)).Where(v => v.Version == wanted).ToList();
        if (match.Count == 0)
        {
            throw CatalogException.NotFound($"Dataset {@namespace}:{InputEcho.Truncate(name)} has no version {wanted}.");
        }

        var fields = (await VisibleFieldsAsync(caller, [dataset.Dataset], cancellationToken))[dataset.Dataset.Urn];
        return await DatasetVersionAsync(dataset, fields, match[0].Version, match[0].Run, cancellationToken);
    }

    public async Task<JsonObject> ListJobsAsync(string? @namespace, MarquezPage page, CancellationToken cancellationToken)
    {
        var view = await ViewAsync(cancellationToken);
        if (@namespace is not null)
        {
            CheckName("namespace", @namespace);
            if (!view.HasNamespace(@namespace))
            {
                throw NamespaceNotFound(@namespace);
            }
        }

        var all = @namespace is null ? view.Jobs.OrderBy(j => j.Namespace, StringComparer.Ordinal).ThenBy(j => j.Name, StringComparer.Ordinal).ToList() : view.JobsIn(@namespace);
        var jobs = new JsonArray();
        foreach (var job in page.Of(all))
        {
            jobs.Add(await JobAsync(job, cancellationToken));
        }

        return new JsonObject { ["totalCount"] = all.Count, ["jobs"] = jobs };
    }

    public async Task<JsonObject> GetJobAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        await JobAsync(await FindJobAsync(@namespace, name, cancellationToken), cancellationToken);

    /// <summary>A job's versions, newest first: the job versions its runs ran.</summary>
    public async Task<JsonObject> ListJobVersionsAsync(string @namespace, string name, MarquezPage page, CancellationToken cancellationToken)
    {
        var job = await FindJobAsync(@namespace, name, cancellationToken);
        var versions = await JobVersionsAsync(job, cancellationToken);
        return new JsonObject
        {
            ["totalCount"] = versions.Count,
            ["versions"] = Array(page.Of(versions).Select(v => MarquezJson.JobVersion(job, v.Key, v.Value))),
        };
    }

    public async Task<JsonObject> GetJobVersionAsync(string @namespace, string name, string version, CancellationToken cancellationToken)
    {
        var wanted = Uuid("version", version);
        var job = await FindJobAsync(@namespace, name, cancellationToken);
        var match = (await JobVersionsAsync(job, cancellationToken)).Where(v => MarquezVersionId.Of(job.Namespace, job.Name, v.Key) == wanted).ToList();
        return match.Count == 0
            ? throw CatalogException.NotFound($"Job {@namespace}:{InputEcho.Truncate(name)} has no version {wanted}.")
            : MarquezJson.JobVersion(job, match[0].Key, match[0].Value);
    }

    public async Task<JsonObject> ListJobRunsAsync(string @namespace, string name, MarquezPage page, CancellationToken cancellationToken)
    {
        var job = await FindJobAsync(@namespace, name, cancellationToken);
        var (list, total) = await runs.ListRunsAsync(job.Urn, page.Limit, page.Offset, cancellationToken);
        return new JsonObject { ["totalCount"] = total, ["runs"] = Array(list.Select(r => MarquezJson.Run(r, job))) };
    }

    public async Task<JsonObject> GetRunAsync(string id, CancellationToken cancellationToken)
    {
        var (run, job) = await FindRunAsync(id, cancellationToken);
        return MarquezJson.Run(run, job.Namespace, job.Name);
    }

    /// <summary>The run facets (<c>type=run</c>) or job facets (<c>type=job</c>) the run's events carried, later events over earlier ones.</summary>
    public async Task<JsonObject> GetRunFacetsAsync(string id, string? type, CancellationToken cancellationToken)
    {
        var kind = type?.Trim().ToLowerInvariant() switch
        {
            "run" => "run",
            "job" => "job",
            _ => throw CatalogException.BadInput($"type must be run or job (got {InputEcho.Quote(type)})."),
        };
        var (run, _) = await FindRunAsync(id, cancellationToken);
        var facets = kind == "run" ? JsonNode.Parse(run.Facets) as JsonObject ?? [] : await JobFacetsAsync(run.RunId, cancellationToken);
        return new JsonObject { ["runId"] = run.RunId, ["facets"] = facets };
    }

    /// <summary>
    /// Marquez's search: datasets and jobs whose name contains the query (case-insensitive; <c>%</c> matches
    /// any run of characters and <c>_</c> one character), optionally of one kind and namespace, updated within
    /// [after, before) days, sorted by name or by newest update.
    /// </summary>
    public async Task<JsonObject> SearchAsync(MarquezSearch search, CancellationToken cancellationToken)
    {
        // Non-backtracking: a pattern of many wildcards costs linear time, never a catastrophic backtrack.
        var pattern = new Regex(LikePattern(search.Query), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.NonBacktracking);
        var view = await ViewAsync(cancellationToken);
        var hits = new List<(string Type, string Name, string Namespace, DateTimeOffset UpdatedAt)>();
        if (search.Filter is null or "DATASET")
        {
            hits.AddRange(view.Datasets.Select(d => ("DATASET", d.Name, d.Namespace, d.Dataset.UpdatedAt)));
        }

        if (search.Filter is null or "JOB")
        {
            hits.AddRange(view.Jobs.Select(j => ("JOB", j.Name, j.Namespace, j.UpdatedAt)));
        }

        var found = hits.Where(h => (search.Namespace is null || h.Namespace == search.Namespace)
                && (search.After is not { } after || h.UpdatedAt >= after)
                && (search.Before is not { } before || h.UpdatedAt < before)
                && pattern.IsMatch(h.Name))
            .ToList();
        var sorted = search.SortByUpdate
            ? found.OrderByDescending(h => h.UpdatedAt).ThenBy(h => h.Name, StringComparer.Ordinal)
            : found.OrderBy(h => h.Name, StringComparer.Ordinal).ThenBy(h => h.Namespace, StringComparer.Ordinal);
        var results = sorted.Take(search.Limit).ToList();
        return new JsonObject
        {
            ["totalCount"] = results.Count,
            ["results"] = Array(results.Select(h => new JsonObject
            {
                ["type"] = h.Type,
                ["name"] = h.Name,
                ["updatedAt"] = MarquezJson.Time(h.UpdatedAt),
                ["namespace"] = h.Namespace,
                ["nodeId"] = MarquezNodeId.Of(h.Type == "DATASET" ? MarquezNodeId.Dataset : MarquezNodeId.Job, h.Namespace, h.Name),
            })),
        };
    }

    public async Task<JsonObject> ListTagsAsync(MarquezPage page, CancellationToken cancellationToken)
    {
        var tags = (await store.ListAsync<Tag>(EntityType.Tag, includeRemoved: false, cancellationToken)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        return new JsonObject { ["tags"] = Array(page.Of(tags).Select(t => MarquezJson.Tag(t.Name, t.Description))) };
    }

    /// <summary>
    /// Completes a lineage graph's DATASET nodes for the caller as the dataset endpoints show them (the graph is built
    /// without a caller; each node's data carries the dataset's URN): drops the fields the caller may not see and sets
    /// <c>currentVersion</c>, <c>lastModifiedAt</c> and <c>lastLifecycleState</c> from the runs that wrote the dataset.
    /// </summary>
    public async Task<JsonObject> CompleteGraphAsync(Caller caller, JsonObject graph, CancellationToken cancellationToken)
    {
        var datasetNodes = (graph["graph"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(n => (string?)n["type"] == "DATASET" && n["data"]?["urn"] is JsonValue)
            .ToList();
        var urns = datasetNodes.Select(n => (string)n["data"]!["urn"]!).Distinct(StringComparer.Ordinal).ToList();
        var datasets = await store.GetManyAsync<Dataset>(urns, cancellationToken);
        var visible = await VisibleFieldsAsync(caller, datasets.Values.ToList(), cancellationToken);
        foreach (var node in datasetNodes)
        {
            var data = node["data"]!;
            if (datasets.TryGetValue((string)data["urn"]!, out var entity) && (string?)data["namespace"] is { } ns && (string?)data["name"] is { } name)
            {
                var state = await StateAsync(new MarquezDataset(entity, ns, name), cancellationToken);
                data["currentVersion"] = state.CurrentVersion;
                data["lastModifiedAt"] = MarquezJson.Time(state.LastModifiedAt);
                data["lastLifecycleState"] = state.LastLifecycleState;
            }

            if (node["data"]!["fields"] is JsonArray fields && visible.TryGetValue((string)node["data"]!["urn"]!, out var shown))
            {
                var names = shown.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var field in fields.OfType<JsonObject>().Where(f => !names.Contains((string?)f["name"] ?? "")).ToList())
                {
                    fields.Remove(field);
                }
            }
        }

        return graph;
    }

    private async Task<MarquezCatalogView> ViewAsync(CancellationToken cancellationToken)
    {
        var datasets = await store.ListAsync<Dataset>(EntityType.Dataset, includeRemoved: false, cancellationToken);
        var known = await aliases.GetDatasetAliasesAsync(datasets.Select(d => d.Urn).ToList(), cancellationToken);
        var shown = datasets.Select(d => known.TryGetValue(d.Urn, out var list) && list.Count > 0
                ? new MarquezDataset(d, list[0].Namespace, list[0].Name)
                : Shown(d))
            .ToList();
        var jobs = await store.ListAsync<Job>(EntityType.Job, includeRemoved: false, cancellationToken);
        return new MarquezCatalogView(shown, jobs);
    }

    private static MarquezDataset Shown(Dataset dataset)
    {
        var (ns, name) = OpenLineageNaming.DefaultIdentity(dataset);
        return new MarquezDataset(dataset, ns, name);
    }

    /// <summary>A dataset by any of its OpenLineage names (an alias leads to it), shown under its primary one.</summary>
    private async Task<MarquezDataset> FindDatasetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        CheckName("namespace", @namespace);
        CheckName("dataset", name);
        string? urn = null;
        if (await aliases.FindDatasetAliasAsync(@namespace, name, cancellationToken) is { } alias)
        {
            urn = alias.DatasetUrn;
        }
        else
        {
            try
            {
                urn = Urn.Dataset(naming.ToDatasetName(@namespace, name));
            }
            catch (CatalogException)
            {
                // A name the naming rules cannot read names no dataset.
            }
        }

        var dataset = urn is null ? null : await store.GetAsync<Dataset>(urn, cancellationToken);
        if (dataset is null || dataset.Removed)
        {
            throw CatalogException.NotFound($"Dataset {InputEcho.Quote(name)} not found in namespace {InputEcho.Quote(@namespace)}.");
        }

        var known = await aliases.GetDatasetAliasesAsync([dataset.Urn], cancellationToken);
        return known.TryGetValue(dataset.Urn, out var list) && list.Count > 0 ? new MarquezDataset(dataset, list[0].Namespace, list[0].Name) : Shown(dataset);
    }

    private async Task<Job> FindJobAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        CheckName("namespace", @namespace);
        CheckName("job", name);
        var job = await store.GetAsync<Job>(Urn.Job(@namespace, name), cancellationToken);
        return job is null || job.Removed
            ? throw CatalogException.NotFound($"Job {InputEcho.Quote(name)} not found in namespace {InputEcho.Quote(@namespace)}.")
            : job;
    }

    private async Task<(JobRun Run, Job Job)> FindRunAsync(string id, CancellationToken cancellationToken)
    {
        var runId = Uuid("run id", id);
        var run = await runs.GetRunAsync(runId, cancellationToken) ?? (runId != id.Trim() ? await runs.GetRunAsync(id.Trim(), cancellationToken) : null)
            ?? throw CatalogException.NotFound($"Run {runId} not found.");
        var job = await store.GetAsync<Job>(run.JobUrn, cancellationToken) ?? throw CatalogException.NotFound($"Run {runId} belongs to no known job.");
        return (run, job);
    }

    private async Task<JsonObject> JobAsync(Job job, CancellationToken cancellationToken)
    {
        var parent = job.ParentJobUrn is { } parentUrn ? await store.GetAsync<Job>(parentUrn, cancellationToken) : null;
        var (latest, _) = await runs.ListRunsAsync(job.Urn, 10, 0, cancellationToken);
        var identities = await IdentitiesAsync(job.Inputs.Concat(job.Outputs).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var facets = latest.Count > 0 ? await JobFacetsAsync(latest[0].RunId, cancellationToken) : [];
        return MarquezJson.Job(job, parent, latest.FirstOrDefault(), latest,
            job.Inputs.Where(identities.ContainsKey).Select(i => identities[i]), job.Outputs.Where(identities.ContainsKey).Select(o => identities[o]), facets);
    }

    private async Task<Dictionary<string, (string Namespace, string Name)>> IdentitiesAsync(IReadOnlyCollection<string> urns, CancellationToken cancellationToken)
    {
        var known = await aliases.GetDatasetAliasesAsync(urns, cancellationToken);
        var entities = await store.GetManyAsync<Dataset>(urns.Where(u => !known.ContainsKey(u)).ToList(), cancellationToken);
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var urn in urns)
        {
            if (known.TryGetValue(urn, out var list) && list.Count > 0)
            {
                result[urn] = (list[0].Namespace, list[0].Name);
            }
            else if (entities.TryGetValue(urn, out var dataset))
            {
                result[urn] = OpenLineageNaming.DefaultIdentity(dataset);
            }
        }

        return result;
    }

    /// <summary>The job facets of a run's events, merged in event order (a later event's facet replaces an earlier one's).</summary>
    private async Task<JsonObject> JobFacetsAsync(string runId, CancellationToken cancellationToken)
    {
        var merged = new JsonObject();
        foreach (var stored in await RunEventsAsync(runId, cancellationToken))
        {
            if (JsonNode.Parse(stored.Payload)?["job"]?["facets"] is JsonObject facets)
            {
                foreach (var (key, value) in facets)
                {
                    merged[key] = value?.DeepClone();
                }
            }
        }

        return merged;
    }

    private async Task<IReadOnlyList<StoredLineageEvent>> RunEventsAsync(string runId, CancellationToken cancellationToken) =>
        (await events.PageLineageEventsAsync(new LineageEventQuery { RunId = runId, Ascending = true, Limit = LineageEventQuery.MaxLimit }, cancellationToken)).Events;

    /// <summary>The versions a job's runs ran, newest first, each with its runs (newest first).</summary>
    private async Task<List<KeyValuePair<string, IReadOnlyList<JobRun>>>> JobVersionsAsync(Job job, CancellationToken cancellationToken)
    {
        var (list, _) = await runs.ListRunsAsync(job.Urn, MaxRunsRead, 0, cancellationToken);
        return list.Where(r => r.JobVersion is not null)
            .GroupBy(r => r.JobVersion!, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, (IReadOnlyList<JobRun>)g.ToList()))
            .ToList();
    }

    /// <summary>The versions of a dataset that runs wrote, newest first, each with the run that wrote it.</summary>
    private async Task<List<(string Version, JobRun Run)>> DatasetVersionsAsync(MarquezDataset dataset, CancellationToken cancellationToken)
    {
        var writers = await runs.ListDatasetRunsAsync(dataset.Dataset.Urn, LineageDirection.Upstream, MaxRunsRead, cancellationToken);
        return writers
            .SelectMany(r => r.Outputs.Where(o => o.DatasetUrn == dataset.Dataset.Urn).Take(1).Select(o => (Version: MarquezJson.VersionOf(o, r), Run: r)))
            .DistinctBy(v => v.Version)
            .ToList();
    }

    private async Task<JsonObject> DatasetVersionAsync(MarquezDataset dataset, IReadOnlyList<SchemaField> fields, string version, JobRun run, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync<Job>(run.JobUrn, cancellationToken);
        var createdBy = job is null ? null : MarquezJson.Run(run, job);
        return MarquezJson.DatasetVersion(dataset, fields, version, run, await LifecycleStateAsync(dataset, run, cancellationToken), createdBy ?? []);
    }

    /// <summary>
    /// The dataset's current version (the latest one a run wrote), when a successful run last wrote it
    /// (<c>lastModifiedAt</c>) and the <c>lifecycleStateChange</c> that run reported for it (OVERWRITE, CREATE, …).
    /// </summary>
    private async Task<MarquezDatasetState> StateAsync(MarquezDataset dataset, CancellationToken cancellationToken)
    {
        var writers = await runs.ListDatasetRunsAsync(dataset.Dataset.Urn, LineageDirection.Upstream, MaxRunsRead, cancellationToken);
        if (writers.Count == 0)
        {
            return MarquezDatasetState.None;
        }

        var current = writers[0].Outputs.FirstOrDefault(o => o.DatasetUrn == dataset.Dataset.Urn) is { } output ? MarquezJson.VersionOf(output, writers[0]) : null;
        var completed = writers.FirstOrDefault(r => r.State == "COMPLETED");
        return new MarquezDatasetState(
            current,
            completed?.EndedAt ?? completed?.UpdatedAt,
            completed is null ? null : await LifecycleStateAsync(dataset, completed, cancellationToken));
    }

    /// <summary>The last <c>lifecycleStateChange</c> a run's events reported for the dataset (under any of its names).</summary>
    private async Task<string?> LifecycleStateAsync(MarquezDataset dataset, JobRun run, CancellationToken cancellationToken)
    {
        var names = run.Outputs.Where(o => o.DatasetUrn == dataset.Dataset.Urn).Select(o => (o.Namespace, o.Name)).Append((dataset.Namespace, dataset.Name)).ToHashSet();
        string? state = null;
        foreach (var stored in await RunEventsAsync(run.RunId, cancellationToken))
        {
            if (JsonNode.Parse(stored.Payload)?["outputs"] is not JsonArray outputs)
            {
                continue;
            }

            foreach (var output in outputs.OfType<JsonObject>())
            {
                if (output["namespace"] is JsonValue ns && ns.TryGetValue<string>(out var nsText) && output["name"] is JsonValue nm && nm.TryGetValue<string>(out var nameText)
                    && names.Contains((nsText, nameText))
                    && output["facets"]?["lifecycleStateChange"]?["lifecycleStateChange"] is JsonValue change && change.TryGetValue<string>(out var changeText))
                {
                    state = changeText;
                }
            }
        }

        return state;
    }

    private async Task<Dictionary<string, IReadOnlyList<SchemaField>>> VisibleFieldsAsync(Caller caller, IReadOnlyList<Dataset> datasets, CancellationToken cancellationToken)
    {
        var decided = await access.EvaluateManyAsync(caller, datasets, cancellationToken);
        var reviewer = governance.IsReviewer(caller);
        return datasets.DistinctBy(d => d.Urn).ToDictionary(
            d => d.Urn,
            d => reviewer || caller.CanEditDataset(d) || !decided.TryGetValue(d.Urn, out var decision)
                ? d.Columns
                : (IReadOnlyList<SchemaField>)d.Columns.Where(c => !decision.IsHidden(c.Name)).ToList(),
            StringComparer.Ordinal);
    }

    private static string LikePattern(string query)
    {
        var pattern = new System.Text.StringBuilder();
        foreach (var c in Regex.Replace(query, "%+", "%"))
        {
            pattern.Append(c switch
            {
                '%' => ".*",
                '_' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        return pattern.ToString();
    }

    private static JsonArray Array(IEnumerable<JsonObject> items) => new([.. items.Select(i => (JsonNode)i)]);

    private static CatalogException NamespaceNotFound(string name) => CatalogException.NotFound($"Namespace {InputEcho.Quote(name)} not found.");

    /// <summary>Marquez's names are at most 1,024 characters; longer is a 400 (the echo cut), never a lookup.</summary>
    internal static void CheckName(string what, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxNameLength)
        {
            throw CatalogException.BadInput($"The {what} name must be 1 to {MaxNameLength:N0} characters (got {InputEcho.Quote(value)}).");
        }
    }

    private static string Uuid(string what, string value) =>
        Guid.TryParse(value.Trim(), out var id)
            ? id.ToString("D")
            : throw CatalogException.BadInput($"The {what} must be a UUID (got {InputEcho.Quote(value)}).");
}
