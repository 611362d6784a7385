using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.Runs;
using TownLake.Catalog.Lineage.Sql;
using TownLake.Catalog.Users;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>
/// Applies OpenLineage run events to the catalog, as Marquez's <c>POST /api/v1/lineage</c> does: the event is stored
/// (an identical re-send changes nothing), its datasets become catalog datasets (named by <see cref="OpenLineageNaming"/>,
/// columns from the <c>schema</c> facet, never overwriting what a connector ingested), the job is recorded with its SQL,
/// and each output gets dataset and column edges from its inputs — from the <c>columnLineage</c> facet, or derived from
/// the job's <c>sql</c> facet when the facet is absent.
/// </summary>
public sealed class OpenLineageIngestor(IEntityStore store, ILineageStore lineageStore, IDatasetAliasStore aliasStore, ILineageEventLog eventLog, OpenLineageRunRecorder runRecorder, DatasetService datasets, OpenLineageNaming naming, SqlLineageRecorder sqlLineage, TimeProvider clock, IOptions<OpenLineageLimits> limits)
{
    /// <summary>The origin of edges from OpenLineage events.</summary>
    public const string Origin = "openlineage";

    public async Task<OpenLineageIngestResult> IngestAsync(JsonNode? body, Caller caller, CancellationToken cancellationToken)
    {
        caller.EnsureCanEdit("post lineage events");
        if (body is JsonObject root && root["dataset"] is not null && root["job"] is null && root["run"] is null)
        {
            return await ApplyDatasetEventAsync(root, caller, cancellationToken);
        }

        var lineageEvent = OpenLineageEventReader.Read(body, clock.GetUtcNow(), limits.Value);
        var payload = body!.ToJsonString();
        return await ApplyAsync(lineageEvent, payload, caller, cancellationToken);
    }

    /// <summary>A DatasetEvent describes one dataset without a run: it updates the dataset and records no lineage.</summary>
    private async Task<OpenLineageIngestResult> ApplyDatasetEventAsync(JsonObject root, Caller caller, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var dataset = OpenLineageEventReader.ReadDatasetEvent(root, warnings, limits.Value);
        var payload = root.ToJsonString();
        var hash = OpenLineageEventReader.Hash(payload);
        var stored = new StoredLineageEvent($"dataset|{hash}", "", "DATASET", "", clock.GetUtcNow(), hash, payload);
        if (!await eventLog.RecordLineageEventAsync(stored, cancellationToken))
        {
            return new OpenLineageIngestResult(true, "", "", [], 0, false, warnings);
        }

        var asEvent = new OpenLineageEvent("OTHER", clock.GetUtcNow(), "", new OpenLineageJob(OpenLineageEventReader.DefaultNamespace, "", null, null, null), [], [dataset], warnings);
        var resolved = await ResolveDatasetsAsync(asEvent, cancellationToken);
        await UpsertDatasetsAsync(asEvent, resolved, caller, cancellationToken);
        await RenameAsync(resolved, caller, cancellationToken);
        await aliasStore.SaveDatasetAliasesAsync(resolved.Aliases, cancellationToken);
        return new OpenLineageIngestResult(false, "", "", resolved.DatasetUrns, 0, false, warnings);
    }

    /// <summary>Applies a validated event; <paramref name="payload"/> is stored as received.</summary>
    public async Task<OpenLineageIngestResult> ApplyAsync(OpenLineageEvent lineageEvent, string payload, Caller caller, CancellationToken cancellationToken)
    {
        var job = lineageEvent.Job;
        var jobUrn = Urn.Job(job.Namespace, job.Name);
        var stored = new StoredLineageEvent($"{lineageEvent.RunId}|{lineageEvent.EventType}|{jobUrn}", lineageEvent.RunId, lineageEvent.EventType, jobUrn,
            lineageEvent.EventTime, OpenLineageEventReader.Hash(payload), payload);
        if (!await eventLog.RecordLineageEventAsync(stored, cancellationToken))
        {
            return new OpenLineageIngestResult(true, lineageEvent.RunId, jobUrn, [], 0, false, lineageEvent.Warnings);
        }

        return await ApplyRecordedAsync(lineageEvent, jobUrn, caller, cancellationToken);
    }

    /// <summary>
    /// Applies an event the log already holds once more, as if it had just arrived (datasets, aliases, job, run and
    /// edges are re-derived under today's naming): how a migration re-points what older versions recorded.
    /// </summary>
    public Task<OpenLineageIngestResult> ReplayAsync(OpenLineageEvent lineageEvent, Caller caller, CancellationToken cancellationToken) =>
        ApplyRecordedAsync(lineageEvent, Urn.Job(lineageEvent.Job.Namespace, lineageEvent.Job.Name), caller, cancellationToken);

    private async Task<OpenLineageIngestResult> ApplyRecordedAsync(OpenLineageEvent lineageEvent, string jobUrn, Caller caller, CancellationToken cancellationToken)
    {
        var job = lineageEvent.Job;
        var resolved = await ResolveDatasetsAsync(lineageEvent, cancellationToken);
        await UpsertDatasetsAsync(lineageEvent, resolved, caller, cancellationToken);
        await RenameAsync(resolved, caller, cancellationToken);
        await aliasStore.SaveDatasetAliasesAsync(resolved.Aliases, cancellationToken);
        await runRecorder.SaveJobAndRunAsync(lineageEvent, jobUrn, resolved, caller, cancellationToken);

        var edgeCount = 0;
        var derived = false;
        var inputUrns = lineageEvent.Inputs.Select(resolved.UrnOf).Distinct().ToList();
        foreach (var output in lineageEvent.Outputs)
        {
            var outputUrn = resolved.UrnOf(output);
            var edges = inputUrns.Where(u => u != outputUrn).Select(u => new LineageEdge { UpstreamUrn = u, DownstreamUrn = outputUrn, Origin = Origin }).ToList();
            if (output.ColumnLineage is { } facet)
            {
                edges.AddRange(ColumnEdges(facet, outputUrn, resolved));
            }
            else if (job.Sql is { Length: > 0 } sql && lineageEvent.Inputs.Count > 0)
            {
                // The SQL facet's dialect when the producer names one, else the engine the output's namespace names (snowflake://…).
                var fromSql = await DeriveFromSqlAsync(sql, job.SqlDialect ?? output.Namespace, outputUrn, lineageEvent, resolved, cancellationToken);
                derived |= fromSql.Count > 0;
                edges.AddRange(fromSql);
            }

            // An event that names no inputs (a START without them, a bare COMPLETE) says nothing about them: keep what is known.
            if (edges.Count > 0 || lineageEvent.Inputs.Count > 0)
            {
                await lineageStore.ReplaceLineageAsync(outputUrn, Origin, jobUrn, edges, cancellationToken);
                edgeCount += edges.Count;
            }
        }

        return new OpenLineageIngestResult(false, lineageEvent.RunId, jobUrn, resolved.DatasetUrns, edgeCount, derived, lineageEvent.Warnings);
    }

    private async Task<ResolvedDatasets> ResolveDatasetsAsync(OpenLineageEvent lineageEvent, CancellationToken cancellationToken)
    {
        var resolved = new ResolvedDatasets();
        foreach (var dataset in lineageEvent.Inputs.Concat(lineageEvent.Outputs))
        {
            if (resolved.Contains(dataset.Namespace, dataset.Name))
            {
                continue;
            }

            var symlink = dataset.TableSymlink;
            var known = await aliasStore.FindDatasetAliasAsync(dataset.Namespace, dataset.Name, cancellationToken);
            string urn;
            if (symlink is null)
            {
                urn = known?.DatasetUrn ?? Urn.Dataset(naming.ToDatasetName(dataset.Namespace, dataset.Name));
            }
            else
            {
                urn = (await aliasStore.FindDatasetAliasAsync(symlink.Namespace, symlink.Name, cancellationToken))?.DatasetUrn
                    ?? Urn.Dataset(naming.ToDatasetName(symlink.Namespace, symlink.Name));
                // The location was seen before without its table (a START without symlinks): the table names it now.
                if (known is not null && known.DatasetUrn != urn && known.DatasetUrn == Urn.Dataset(naming.ToDatasetName(dataset.Namespace, dataset.Name)))
                {
                    resolved.Renames.Add((known.DatasetUrn, urn));
                }
            }

            resolved.Add(dataset.Namespace, dataset.Name, urn, OpenLineageNaming.PlatformOf(symlink?.Namespace ?? dataset.Namespace), primary: true);
            if (symlink is not null)
            {
                resolved.Add(symlink.Namespace, symlink.Name, urn, OpenLineageNaming.PlatformOf(symlink.Namespace), primary: false);
            }
        }

        // Column lineage may name datasets the event does not list (Spark's JDBC relations): they exist all the same.
        var referenced = lineageEvent.Outputs.Where(o => o.ColumnLineage is not null)
            .SelectMany(o => o.ColumnLineage!.Fields.SelectMany(f => f.InputFields).Concat(o.ColumnLineage.Dataset));
        foreach (var field in referenced)
        {
            if (!resolved.Contains(field.Namespace, field.Name))
            {
                var urn = (await aliasStore.FindDatasetAliasAsync(field.Namespace, field.Name, cancellationToken))?.DatasetUrn
                    ?? Urn.Dataset(naming.ToDatasetName(field.Namespace, field.Name));
                resolved.Add(field.Namespace, field.Name, urn, OpenLineageNaming.PlatformOf(field.Namespace), primary: true);
            }
        }

        return resolved;
    }

    /// <summary>
    /// A dataset first named after its location gets its table's name: its outside names and edges move to the table's
    /// dataset, which takes its columns when it has none, and the location-named one is removed (its history stays).
    /// </summary>
    private async Task RenameAsync(ResolvedDatasets resolved, Caller caller, CancellationToken cancellationToken)
    {
        foreach (var (from, to) in resolved.Renames.Distinct())
        {
            var old = await store.GetAsync<Dataset>(from, cancellationToken);
            var target = await store.GetAsync<Dataset>(to, cancellationToken);
            if (old is { Columns.Count: > 0 } && target is { Columns.Count: 0 })
            {
                await datasets.UpsertManyAsync([new DatasetUpsert
                {
                    Name = target.DatasetName.ToString(),
                    Columns = [.. old.Columns.Select(c => new ColumnUpsert { Name = c.Name, Type = c.NativeType, Description = c.Description })],
                }], caller, cancellationToken);
            }

            await aliasStore.MoveDatasetReferencesAsync(from, to, cancellationToken);
            if (old is { Removed: false })
            {
                await datasets.DeleteAsync(from, caller, cancellationToken);
            }
        }
    }

    private async Task UpsertDatasetsAsync(OpenLineageEvent lineageEvent, ResolvedDatasets resolved, Caller caller, CancellationToken cancellationToken)
    {
        var existing = await store.GetManyAsync<Dataset>(resolved.DatasetUrns, cancellationToken);
        var described = lineageEvent.Inputs.Concat(lineageEvent.Outputs).GroupBy(resolved.UrnOf).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var upserts = new List<DatasetUpsert>();
        foreach (var urn in resolved.DatasetUrns)
        {
            var facts = described.GetValueOrDefault(urn) ?? [];
            var schema = facts.Select(f => f.Schema).FirstOrDefault(s => s is { Count: > 0 });
            var description = facts.Select(f => f.Description).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
            var current = existing.GetValueOrDefault(urn);
            // OpenLineage fills in what the catalog lacks; it never overwrites what a connector or a person recorded.
            var columns = schema is not null && (current is null || current.Columns.Count == 0)
                ? schema.DistinctBy(f => f.Name).Select(f => new ColumnUpsert { Name = f.Name, Type = f.Type, Description = f.Description }).ToList()
                : null;
            var platform = current is null || current.Platform == "unknown" ? resolved.PlatformOf(urn) : null;
            var sourceDescription = current?.SourceDescription is null ? description : null;
            if (current is not null && columns is null && platform is null && sourceDescription is null && !current.Removed)
            {
                continue;
            }

            upserts.Add(new DatasetUpsert
            {
                Name = Urn.DatasetNameOf(urn).ToString(),
                Platform = platform,
                Kind = current is null && facts.Count > 0 && facts.All(f => f.TableSymlink is null && f.Name.Contains('/')) ? DatasetKind.File : null,
                Description = sourceDescription,
                Columns = columns,
            });
        }

        if (upserts.Count > 0)
        {
            await datasets.UpsertManyAsync(upserts, caller, cancellationToken);
        }
    }

    private static IEnumerable<LineageEdge> ColumnEdges(OpenLineageColumnLineage facet, string outputUrn, ResolvedDatasets resolved)
    {
        foreach (var field in facet.Fields)
        {
            foreach (var input in field.InputFields)
            {
                var upstream = resolved.UrnOf(input.Namespace, input.Name);
                if (upstream != outputUrn)
                {
                    yield return new LineageEdge
                    {
                        UpstreamUrn = upstream,
                        UpstreamColumn = input.Field,
                        DownstreamUrn = outputUrn,
                        DownstreamColumn = field.Name,
                        Origin = Origin,
                        Transformation = input.Transformations.Count == 0 ? null : string.Join(",", input.Transformations),
                        Expression = input.Description,
                    };
                }
            }
        }

        foreach (var input in facet.Dataset)
        {
            var upstream = resolved.UrnOf(input.Namespace, input.Name);
            if (upstream != outputUrn)
            {
                yield return new LineageEdge
                {
                    UpstreamUrn = upstream,
                    UpstreamColumn = input.Field,
                    DownstreamUrn = outputUrn,
                    Origin = Origin,
                    Transformation = input.Transformations.Count == 0 ? null : string.Join(",", input.Transformations),
                    Expression = input.Description,
                };
            }
        }
    }

    /// <summary>
    /// Column lineage from the job's SQL, limited to the inputs the event declares: the event stays the authority on which
    /// datasets were read, the SQL only says how each output column was computed from them.
    /// </summary>
    private async Task<List<LineageEdge>> DeriveFromSqlAsync(string sql, string? dialect, string outputUrn, OpenLineageEvent lineageEvent,
        ResolvedDatasets resolved, CancellationToken cancellationToken)
    {
        var inputs = lineageEvent.Inputs.Select(i => (Dataset: i, Urn: resolved.UrnOf(i))).Where(i => i.Urn != outputUrn).ToList();
        var schemas = inputs.Where(i => i.Dataset.Schema is { Count: > 0 }).GroupBy(i => i.Urn)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.First().Dataset.Schema!.Select(f => f.Name).ToList(), StringComparer.Ordinal);
        var matcher = new SqlTableMatcher();
        foreach (var (dataset, urn) in inputs)
        {
            var name = Urn.DatasetNameOf(urn);
            matcher.Add(urn, [OpenLineageNaming.SplitName(dataset.Name), [name.Catalog, name.Schema, name.Table],
                .. dataset.TableSymlink is { } symlink ? [OpenLineageNaming.SplitName(symlink.Name)] : Array.Empty<IReadOnlyList<string>>()]);
        }

        var derived = await sqlLineage.DeriveAsync(new SqlDerivation(sql, outputUrn)
        {
            Origin = Origin,
            Dialect = SqlDialects.FromHint(dialect),
            ResolveTable = matcher.Match,
            KnownColumns = urn => schemas.GetValueOrDefault(urn),
        }, cancellationToken);
        return derived.Edges.Where(e => e.UpstreamColumn.Length > 0).ToList();
    }
}

/// <summary>What an OpenLineage event did: nothing (a duplicate), or the datasets and edges it recorded.</summary>
public sealed record OpenLineageIngestResult(bool Duplicate, string RunId, string JobUrn, IReadOnlyList<string> Datasets, int Edges, bool ColumnLineageDerivedFromSql, IReadOnlyList<string> Warnings);
