using System.Text.Json;
using System.Text.Json.Nodes;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Lineage.OpenLineage.Split;

/// <summary>
/// Splits datasets that naming before identity-per-namespace merged: where the stored OpenLineage events name one
/// dataset name in several namespaces that all lead to one catalog dataset, and today's naming gives each namespace
/// a dataset of its own. Each namespace's outside name is forgotten, the merged dataset's OpenLineage edges from the
/// jobs that wrote it are dropped, and every stored event naming one of them is replayed in time order, so each
/// namespace's dataset gets its schema, edges, jobs and runs from its own events. The namespace that was the merged
/// dataset's primary name (its Marquez identity) keeps that name and the people's curation (descriptions, owners,
/// tags, terms, domain); the merged dataset is then removed (its history stays) unless a namespace still maps to it.
/// </summary>
public sealed class MergedDatasetSplitter(ILineageEventLog events, IDatasetAliasStore aliases, ILineageStore lineage, IEntityStore store,
    OpenLineageNaming naming, OpenLineageIngestor ingestor, DatasetService datasets, ILogger<MergedDatasetSplitter> logger)
{
    /// <summary>The data migration's name (registered by store migration 122).</summary>
    public const string MigrationName = "split-merged-openlineage-datasets";

    /// <summary>Who the split's changes are recorded as.</summary>
    public static Caller Migrator { get; } = new("townlake-migration", ["admins"], true, true);

    private const int PageSize = 1_000;

    /// <summary>Splits every merged dataset the stored events show; returns the merged datasets it split.</summary>
    public async Task<IReadOnlyList<string>> SplitAsync(CancellationToken cancellationToken)
    {
        var stored = await ReadEventsAsync(cancellationToken);
        var merged = await FindMergedAsync(stored, cancellationToken);
        if (merged.Count == 0)
        {
            return [];
        }

        var names = merged.SelectMany(m => m.Value).Select(n => (n.Namespace, n.Name)).ToHashSet();
        foreach (var (mergedUrn, parts) in merged)
        {
            var writers = stored.Where(e => e.Event.Outputs.Any(o => o.TableSymlink is null && parts.Any(p => p.Namespace == o.Namespace && p.Name == o.Name)))
                .Select(e => Urn.Job(e.Event.Job.Namespace, e.Event.Job.Name)).Distinct();
            foreach (var job in writers)
            {
                await lineage.ReplaceLineageAsync(mergedUrn, OpenLineageIngestor.Origin, job, [], cancellationToken);
            }

            await aliases.RemoveDatasetAliasesAsync([.. parts.Select(p => (p.Namespace, p.Name))], cancellationToken);
        }

        foreach (var (lineageEvent, _) in stored.Where(e => Names(e.Event).Any(names.Contains)))
        {
            await ingestor.ReplayAsync(lineageEvent, Migrator, cancellationToken);
        }

        foreach (var (mergedUrn, parts) in merged)
        {
            await SettleMergedAsync(mergedUrn, parts, cancellationToken);
            logger.LogInformation("Split {Merged} into {Datasets}", mergedUrn, string.Join(", ", parts.Select(p => p.TargetUrn).Distinct()));
        }

        return [.. merged.Keys];
    }

    /// <summary>The primary namespace's dataset takes the curation; the merged one goes unless a namespace still maps to it.</summary>
    private async Task SettleMergedAsync(string mergedUrn, IReadOnlyList<MergedPart> parts, CancellationToken cancellationToken)
    {
        var old = await store.GetAsync<Dataset>(mergedUrn, cancellationToken);
        var heir = parts.FirstOrDefault(p => p.WasPrimary) ?? parts[0];
        if (old is not null && heir.TargetUrn != mergedUrn)
        {
            await store.SaveAsync<Dataset>(heir.TargetUrn, current => current is null ? throw new InvalidOperationException($"Replaying {heir.Namespace} {heir.Name} created no dataset.") : current with
            {
                EditedDescription = current.EditedDescription ?? old.EditedDescription,
                Owners = current.Owners.Count > 0 ? current.Owners : old.Owners,
                Tags = [.. current.Tags.Union(old.Tags)],
                GlossaryTerms = [.. current.GlossaryTerms.Union(old.GlossaryTerms)],
                Domain = current.Domain ?? old.Domain,
            }, Migrator.UserName, cancellationToken);
        }

        if (old is { Removed: false } && parts.All(p => p.TargetUrn != mergedUrn))
        {
            await datasets.DeleteAsync(mergedUrn, Migrator, cancellationToken);
        }
    }

    /// <summary>Merged datasets and their parts: one name in several namespaces leading to one dataset that today's naming would split.</summary>
    private async Task<Dictionary<string, List<MergedPart>>> FindMergedAsync(IReadOnlyList<(OpenLineageEvent Event, StoredLineageEvent Stored)> stored, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, List<MergedPart>>(StringComparer.Ordinal);
        var byName = stored.SelectMany(e => Names(e.Event)).Distinct().GroupBy(n => n.Name).Where(g => g.Select(n => n.Namespace).Distinct().Count() > 1);
        foreach (var group in byName)
        {
            var parts = new List<(MergedPart Part, string Urn)>();
            foreach (var (ns, name) in group)
            {
                if (await aliases.FindDatasetAliasAsync(ns, name, cancellationToken) is { } alias)
                {
                    parts.Add((new MergedPart(ns, name, Urn.Dataset(naming.ToDatasetName(ns, name)), alias.IsPrimary), alias.DatasetUrn));
                }
            }

            foreach (var shared in parts.GroupBy(p => p.Urn).Where(g => g.Count() > 1 && g.Select(p => p.Part.TargetUrn).Distinct().Count() > 1))
            {
                merged[shared.Key] = [.. shared.Select(p => p.Part).OrderByDescending(p => p.WasPrimary).ThenBy(p => p.Namespace, StringComparer.Ordinal)];
            }
        }

        return merged;
    }

    /// <summary>The datasets an event names by their own location (names given through a symlink follow the symlink).</summary>
    private static IEnumerable<(string Namespace, string Name)> Names(OpenLineageEvent lineageEvent) =>
        lineageEvent.Inputs.Concat(lineageEvent.Outputs).Where(d => d.TableSymlink is null).Select(d => (d.Namespace, d.Name));

    /// <summary>Every stored run event, oldest first, as read today; an event today's reader refuses is skipped (it changed nothing then either).</summary>
    private async Task<List<(OpenLineageEvent Event, StoredLineageEvent Stored)>> ReadEventsAsync(CancellationToken cancellationToken)
    {
        var result = new List<(OpenLineageEvent, StoredLineageEvent)>();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await events.PageLineageEventsAsync(new LineageEventQuery { Ascending = true, Limit = PageSize, Offset = offset }, cancellationToken);
            foreach (var stored in page.Events.Where(e => e.EventType != "DATASET"))
            {
                try
                {
                    result.Add((OpenLineageEventReader.Read(JsonNode.Parse(stored.Payload), stored.EventTime), stored));
                }
                catch (Exception ex) when (ex is CatalogException or JsonException)
                {
                    logger.LogWarning("Stored lineage event {Key} is skipped by the split: {Reason}", stored.Key, ex.Message);
                }
            }

            if (page.Events.Count < PageSize)
            {
                return result;
            }
        }
    }

    /// <summary>One namespace's share of a merged dataset: its outside name, the dataset today's naming gives it, and whether it was the primary name.</summary>
    private sealed record MergedPart(string Namespace, string Name, string TargetUrn, bool WasPrimary);
}
