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
public sealed partial class MarquezReadService(
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
}
