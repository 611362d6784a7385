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

/// <summary>How Marquez's names, versions and states are found in the catalog, and what each caller may see of them.</summary>
public sealed partial class MarquezReadService
{
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
