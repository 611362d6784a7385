using System.Text.Json.Nodes;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.OpenLineage;

namespace TownLake.Catalog.Lineage.Marquez;

/// <summary>
/// Answers Marquez's lineage reads (<c>GET /api/v1/lineage</c>, <c>GET /api/v1/column-lineage</c>) from the catalog, in
/// Marquez's graph JSON: <c>{"graph":[{"id","type","data","inEdges","outEdges"}]}</c> with DATASET, JOB and DATASET_FIELD
/// nodes, so Marquez clients and its web UI can point at TownLake. Datasets are shown under their primary OpenLineage
/// name; datasets that never came from OpenLineage under <see cref="OpenLineageNaming.DefaultIdentity"/>.
/// </summary>
public sealed class MarquezLineageReader(IEntityStore store, ILineageStore lineageStore, IDatasetAliasStore aliasStore, Runs.ILineageRunStore runs, LineageIndex index, OpenLineageNaming naming)
{
    public const int DefaultDepth = 20;

    /// <summary>The job-and-dataset graph around a dataset or job node, <paramref name="depth"/> job hops each way.</summary>
    public async Task<JsonObject> LineageAsync(string? nodeId, int depth, CancellationToken cancellationToken)
    {
        var id = MarquezNodeId.Parse(nodeId);
        CheckDepth(depth);
        if (id.Kind == MarquezNodeId.DatasetField)
        {
            throw CatalogException.BadInput("GET /api/v1/lineage takes dataset: or job: node ids; use /api/v1/column-lineage for datasetField: ids.");
        }

        var snapshot = await index.GetAsync(cancellationToken);
        var datasets = new HashSet<string>(StringComparer.Ordinal);
        var jobs = new HashSet<string>(StringComparer.Ordinal);
        var frontierJobs = new List<string>();
        if (id.Kind == MarquezNodeId.Dataset)
        {
            var start = await ResolveDatasetAsync(id, cancellationToken);
            datasets.Add(start);
            frontierJobs.AddRange(await JobsOfAsync(snapshot, start, cancellationToken));
        }
        else
        {
            var job = await ResolveJobAsync(id, snapshot, cancellationToken);
            frontierJobs.Add(job);
            depth++;
        }

        for (var level = 1; level <= depth && frontierJobs.Count > 0; level++)
        {
            var nextJobs = new List<string>();
            foreach (var job in frontierJobs.Where(jobs.Add).ToList())
            {
                var (inputs, outputs) = await JobDatasetsAsync(snapshot, job, cancellationToken);
                foreach (var dataset in inputs.Concat(outputs).Where(datasets.Add).ToList())
                {
                    nextJobs.AddRange((await JobsOfAsync(snapshot, dataset, cancellationToken)).Where(j => !jobs.Contains(j)));
                }
            }

            frontierJobs = nextJobs.Distinct().ToList();
        }

        var identities = await IdentitiesAsync(datasets, cancellationToken);
        var entities = await store.GetManyAsync<Dataset>(datasets.ToList(), cancellationToken);
        var jobEntities = await store.GetManyAsync<Job>(jobs.ToList(), cancellationToken);
        var nodes = new List<JsonObject>();
        var datasetIn = datasets.ToDictionary(d => d, _ => new List<string>(), StringComparer.Ordinal);
        var datasetOut = datasets.ToDictionary(d => d, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            var jobId = JobIdentity(job, jobEntities.GetValueOrDefault(job));
            var jobNode = MarquezNodeId.Of(MarquezNodeId.Job, jobId.Namespace, jobId.Name);
            var (inputs, outputs) = await JobDatasetsAsync(snapshot, job, cancellationToken);
            var shownInputs = inputs.Where(datasets.Contains).ToList();
            var shownOutputs = outputs.Where(datasets.Contains).ToList();
            foreach (var input in shownInputs)
            {
                datasetOut[input].Add(jobNode);
            }

            foreach (var output in shownOutputs)
            {
                datasetIn[output].Add(jobNode);
            }

            var entity = jobEntities.GetValueOrDefault(job);
            var latestRun = entity?.LastRunId is { } runId ? await runs.GetRunAsync(runId, cancellationToken) : null;
            var parent = entity?.ParentJobUrn is { } parentUrn ? await store.GetAsync<Job>(parentUrn, cancellationToken) : null;
            nodes.Add(Node(jobNode, "JOB", JobData(jobId, entity, parent, latestRun, shownInputs.Select(i => identities[i]), shownOutputs.Select(o => identities[o])),
                shownInputs.Select(i => Edge(DatasetNode(identities[i]), jobNode)), shownOutputs.Select(o => Edge(jobNode, DatasetNode(identities[o])))));
        }

        foreach (var dataset in datasets)
        {
            var node = DatasetNode(identities[dataset]);
            nodes.Add(Node(node, "DATASET", DatasetData(identities[dataset], dataset, entities.GetValueOrDefault(dataset)),
                datasetIn[dataset].Distinct().Select(j => Edge(j, node)), datasetOut[dataset].Distinct().Select(j => Edge(node, j))));
        }

        return Graph(nodes);
    }

    /// <summary>The column graph upstream of a field (or of every field of a dataset or job), and downstream too when asked.</summary>
    public async Task<JsonObject> ColumnLineageAsync(string? nodeId, int depth, bool withDownstream, CancellationToken cancellationToken)
    {
        var id = MarquezNodeId.Parse(nodeId);
        CheckDepth(depth);
        var snapshot = await index.GetAsync(cancellationToken);
        var starts = new List<(string Urn, string Column)>();
        if (id.Kind == MarquezNodeId.DatasetField)
        {
            var (urn, field) = await ResolveFieldAsync(id, cancellationToken);
            starts.Add((urn, field));
        }
        else if (id.Kind == MarquezNodeId.Dataset)
        {
            var urn = await ResolveDatasetAsync(id, cancellationToken);
            starts.AddRange(snapshot.LineageColumns(urn).Select(c => (urn, c)));
        }
        else
        {
            var job = await ResolveJobAsync(id, snapshot, cancellationToken);
            starts.AddRange(snapshot.JobDatasets(job).Outputs.SelectMany(o => snapshot.LineageColumns(o).Select(c => (o, c))));
        }

        var reached = new HashSet<(string Urn, string Column)>(starts);
        foreach (var (urn, column) in starts)
        {
            reached.UnionWith(snapshot.WalkColumn(urn, column, withDownstream ? LineageDirection.Both : LineageDirection.Upstream, depth, LineageService.MaxNodesLimit).Depths.Keys);
        }

        var datasetUrns = reached.Select(r => r.Urn).Distinct(StringComparer.Ordinal).ToList();
        var edges = (await lineageStore.GetEdgesAmongAsync(datasetUrns, true, cancellationToken))
            .Where(e => e.IsColumnEdge && e.UpstreamColumn.Length > 0 && reached.Contains((e.UpstreamUrn, e.UpstreamColumn)) && reached.Contains((e.DownstreamUrn, e.DownstreamColumn)))
            .ToList();
        var identities = await IdentitiesAsync(datasetUrns, cancellationToken);
        var entities = await store.GetManyAsync<Dataset>(datasetUrns, cancellationToken);
        string FieldNode((string Urn, string Column) c) => MarquezNodeId.OfField(identities[c.Urn].Namespace, identities[c.Urn].Name, c.Column);
        var nodes = new List<JsonObject>();
        foreach (var column in reached.OrderBy(r => r.Urn, StringComparer.Ordinal).ThenBy(r => r.Column, StringComparer.Ordinal))
        {
            var node = FieldNode(column);
            var inputs = edges.Where(e => e.DownstreamUrn == column.Urn && e.DownstreamColumn == column.Column)
                .DistinctBy(e => (e.UpstreamUrn, e.UpstreamColumn)).ToList();
            var outputs = edges.Where(e => e.UpstreamUrn == column.Urn && e.UpstreamColumn == column.Column)
                .Select(e => (e.DownstreamUrn, e.DownstreamColumn)).Distinct().ToList();
            var identity = identities[column.Urn];
            var data = new JsonObject
            {
                ["namespace"] = identity.Namespace,
                ["dataset"] = identity.Name,
                ["datasetVersion"] = null,
                ["field"] = column.Column,
                ["fieldType"] = entities.GetValueOrDefault(column.Urn)?.FindColumn(column.Column)?.NativeType,
                ["transformationDescription"] = inputs.Select(e => e.Expression).FirstOrDefault(),
                ["transformationType"] = inputs.Select(e => e.Transformation).FirstOrDefault(),
                ["inputFields"] = new JsonArray([.. inputs.Select(e => (JsonNode)new JsonObject
                {
                    ["namespace"] = identities[e.UpstreamUrn].Namespace,
                    ["dataset"] = identities[e.UpstreamUrn].Name,
                    ["datasetVersion"] = null,
                    ["field"] = e.UpstreamColumn,
                    ["transformationDescription"] = e.Expression,
                    ["transformationType"] = e.Transformation,
                })]),
            };
            // Marquez writes a column node's in-edges with the node itself as origin (ColumnLineageService.toLineage).
            nodes.Add(Node(node, "DATASET_FIELD", data,
                inputs.Select(e => Edge(node, FieldNode((e.UpstreamUrn, e.UpstreamColumn)))),
                outputs.Select(o => Edge(node, FieldNode(o)))));
        }

        return Graph(nodes);
    }

    private async Task<string> ResolveDatasetAsync(MarquezNodeId id, CancellationToken cancellationToken)
    {
        foreach (var (ns, name, _) in id.Candidates())
        {
            if (await ResolveDatasetAsync(ns, name, cancellationToken) is { } urn)
            {
                return urn;
            }
        }

        throw CatalogException.NotFound($"No dataset is known as {id.Kind}:{id.Value}.");
    }

    private async Task<string?> ResolveDatasetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (await aliasStore.FindDatasetAliasAsync(ns, name, cancellationToken) is { } alias)
        {
            return alias.DatasetUrn;
        }

        try
        {
            var urn = Urn.Dataset(naming.ToDatasetName(ns, name));
            return await store.GetAsync<Dataset>(urn, cancellationToken) is not null ? urn : null;
        }
        catch (CatalogException)
        {
            return null;
        }
    }

    private async Task<(string Urn, string Field)> ResolveFieldAsync(MarquezNodeId id, CancellationToken cancellationToken)
    {
        foreach (var (ns, name, field) in id.Candidates())
        {
            if (await ResolveDatasetAsync(ns, name, cancellationToken) is { } urn)
            {
                var dataset = await store.GetAsync<Dataset>(urn, cancellationToken);
                var snapshot = await index.GetAsync(cancellationToken);
                var known = dataset?.FindColumn(field!)?.Name ?? snapshot.LineageColumns(urn).FirstOrDefault(c => string.Equals(c, field, StringComparison.OrdinalIgnoreCase));
                return known is null ? throw CatalogException.NotFound($"Dataset {ns}:{name} has no field {InputEcho.Quote(field)}.") : (urn, known);
            }
        }

        throw CatalogException.NotFound($"No dataset field is known as {id.Kind}:{id.Value}.");
    }

    private async Task<string> ResolveJobAsync(MarquezNodeId id, LineageSnapshot snapshot, CancellationToken cancellationToken)
    {
        foreach (var (ns, name, _) in id.Candidates())
        {
            var urn = Urn.Job(ns, name);
            if (snapshot.ContainsJob(urn) || await store.GetAsync<Job>(urn, cancellationToken) is not null)
            {
                return urn;
            }
        }

        throw CatalogException.NotFound($"No job is known as {id.Kind}:{id.Value}.");
    }

    /// <summary>The OpenLineage namespace and name each dataset is shown under.</summary>
    private async Task<Dictionary<string, (string Namespace, string Name)>> IdentitiesAsync(IReadOnlyCollection<string> urns, CancellationToken cancellationToken)
    {
        var aliases = await aliasStore.GetDatasetAliasesAsync(urns, cancellationToken);
        var missing = urns.Where(u => !aliases.ContainsKey(u)).ToList();
        var entities = await store.GetManyAsync<Dataset>(missing, cancellationToken);
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var urn in urns)
        {
            result[urn] = aliases.TryGetValue(urn, out var list) ? (list[0].Namespace, list[0].Name)
                : entities.TryGetValue(urn, out var dataset) ? OpenLineageNaming.DefaultIdentity(dataset)
                : ($"unknown://{Urn.DatasetNameOf(urn).Catalog}", Urn.DatasetNameOf(urn).ToString());
        }

        return result;
    }

    private static (string Namespace, string Name) JobIdentity(string urn, Job? job)
    {
        if (job is not null)
        {
            return (job.Namespace, job.Name);
        }

        var key = Urn.Parse(urn).Key;
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? ("default", key) : (key[..colon], key[(colon + 1)..]);
    }

    private static string DatasetNode((string Namespace, string Name) id) => MarquezNodeId.Of(MarquezNodeId.Dataset, id.Namespace, id.Name);

    private static JsonObject DatasetData((string Namespace, string Name) id, string urn, Dataset? dataset)
    {
        var shown = dataset ?? new Dataset { Urn = urn, Name = id.Name, Catalog = "", Schema = "", Table = "" };
        var data = MarquezJson.Dataset(new MarquezDataset(shown, id.Namespace, id.Name), shown.Columns, MarquezDatasetState.None);
        data["urn"] = urn;
        if (dataset is null)
        {
            data["createdAt"] = null;
            data["updatedAt"] = null;
        }

        return data;
    }

    private static JsonObject JobData((string Namespace, string Name) id, Job? job, Job? parent, Runs.JobRun? latestRun,
        IEnumerable<(string Namespace, string Name)> inputs, IEnumerable<(string Namespace, string Name)> outputs) => new()
    {
        ["id"] = new JsonObject { ["namespace"] = id.Namespace, ["name"] = id.Name },
        ["type"] = job?.ProcessingType ?? "BATCH",
        ["name"] = id.Name,
        ["simpleName"] = parent is not null && id.Name.StartsWith(parent.Name + ".", StringComparison.Ordinal) ? id.Name[(parent.Name.Length + 1)..] : id.Name,
        ["parentJobName"] = parent?.Name,
        ["parentJobUuid"] = null,
        ["currentRunUuid"] = latestRun is { } current && !Runs.JobRun.IsFinal(current.State) ? current.RunId : null,
        ["createdAt"] = job?.CreatedAt.UtcDateTime.ToString("O"),
        ["updatedAt"] = job?.UpdatedAt.UtcDateTime.ToString("O"),
        ["namespace"] = id.Namespace,
        ["inputs"] = new JsonArray([.. inputs.Select(i => (JsonNode)new JsonObject { ["namespace"] = i.Namespace, ["name"] = i.Name })]),
        ["outputs"] = new JsonArray([.. outputs.Select(o => (JsonNode)new JsonObject { ["namespace"] = o.Namespace, ["name"] = o.Name })]),
        ["location"] = job?.Location,
        ["description"] = job?.Description,
        ["latestRun"] = latestRun is null ? null : MarquezRun(latestRun, id.Namespace, id.Name),
    };

    /// <summary>A run in Marquez's <c>Run</c> shape.</summary>
    public static JsonObject MarquezRun(Runs.JobRun run, string jobNamespace, string jobName) => MarquezJson.Run(run, jobNamespace, jobName);

    /// <summary>The jobs next to a dataset: from lineage edges, and from runs (jobs with only inputs or only outputs have no edges).</summary>
    private async Task<List<string>> JobsOfAsync(LineageSnapshot snapshot, string dataset, CancellationToken cancellationToken) =>
        [.. snapshot.JobsOf(dataset, LineageDirection.Both).Concat(await runs.ListDatasetJobsAsync(dataset, LineageDirection.Both, cancellationToken)).Distinct(StringComparer.Ordinal)];

    /// <summary>A job's inputs and outputs: from its lineage edges, and as its latest run declared them.</summary>
    private async Task<(List<string> Inputs, List<string> Outputs)> JobDatasetsAsync(LineageSnapshot snapshot, string jobUrn, CancellationToken cancellationToken)
    {
        var (inputs, outputs) = snapshot.JobDatasets(jobUrn);
        var job = await store.GetAsync<Job>(jobUrn, cancellationToken);
        return ([.. inputs.Concat(job?.Inputs ?? []).Distinct(StringComparer.Ordinal)], [.. outputs.Concat(job?.Outputs ?? []).Distinct(StringComparer.Ordinal)]);
    }

    private static JsonObject Edge(string origin, string destination) => new() { ["origin"] = origin, ["destination"] = destination };

    private static JsonObject Node(string id, string type, JsonObject data, IEnumerable<JsonObject> inEdges, IEnumerable<JsonObject> outEdges) => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["data"] = data,
        ["inEdges"] = new JsonArray([.. inEdges.DistinctBy(e => (string?)e["origin"] + "\n" + (string?)e["destination"]).OrderBy(e => (string?)e["origin"], StringComparer.Ordinal).ThenBy(e => (string?)e["destination"], StringComparer.Ordinal)]),
        ["outEdges"] = new JsonArray([.. outEdges.DistinctBy(e => (string?)e["origin"] + "\n" + (string?)e["destination"]).OrderBy(e => (string?)e["origin"], StringComparer.Ordinal).ThenBy(e => (string?)e["destination"], StringComparer.Ordinal)]),
    };

    /// <summary>Marquez sorts graph nodes by id.</summary>
    private static JsonObject Graph(IEnumerable<JsonObject> nodes) =>
        new() { ["graph"] = new JsonArray([.. nodes.DistinctBy(n => (string?)n["id"]).OrderBy(n => (string?)n["id"], StringComparer.Ordinal)]) };

    private static void CheckDepth(int depth)
    {
        if (depth is < 0 or > 100)
        {
            throw CatalogException.BadInput("depth must be between 0 and 100.");
        }
    }
}
