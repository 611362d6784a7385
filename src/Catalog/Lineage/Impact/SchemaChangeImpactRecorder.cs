using TownLake.Catalog.Datasets;

namespace TownLake.Catalog.Lineage.Impact;

/// <summary>
/// Records what a schema change reaches when ingestion makes it (a connector refresh, <c>upsertDataset</c>): for every
/// column dropped, renamed or retyped, the downstream columns that read it and the jobs computing them, walked over
/// the in-memory <see cref="LineageIndex"/> (column edges outlive the column, so the walk starts from the old name).
/// </summary>
public sealed class SchemaChangeImpactRecorder(LineageIndex index, ISchemaChangeImpactStore store, TimeProvider clock)
{
    /// <summary>How far a change is followed downstream.</summary>
    public const int MaxDepth = LineageService.MaxDepth;

    /// <summary>How many downstream columns one change records at most (the rest is reported as truncated).</summary>
    public const int MaxColumns = 5_000;

    /// <summary>Records the impact of each schema change that breaks a column; returns what was recorded.</summary>
    public async Task<IReadOnlyList<SchemaChangeImpact>> RecordAsync(IReadOnlyList<(Dataset Before, Dataset After)> changed, string actor, CancellationToken cancellationToken)
    {
        var recorded = new List<SchemaChangeImpact>();
        foreach (var (before, after) in changed)
        {
            var changes = SchemaChanges.Between(before.Columns, after.Columns);
            if (changes.Count == 0)
            {
                continue;
            }

            var impact = await ComputeAsync(after.Urn, after.SchemaVersion, changes, actor, cancellationToken);
            await store.SaveSchemaChangeImpactAsync(impact, cancellationToken);
            recorded.Add(impact);
        }

        return recorded;
    }

    /// <summary>The impact of the given column changes of a dataset on the lineage graph as it is now.</summary>
    public async Task<SchemaChangeImpact> ComputeAsync(string datasetUrn, int schemaVersion, IReadOnlyList<SchemaColumnChange> changes, string actor, CancellationToken cancellationToken)
    {
        var snapshot = await index.GetAsync(cancellationToken);
        var columns = new Dictionary<(string Urn, string Column), ImpactedColumn>();
        var jobs = new SortedSet<string>(StringComparer.Ordinal);
        var truncated = false;
        foreach (var change in changes)
        {
            var reach = snapshot.DownstreamColumns(datasetUrn, change.Column, MaxDepth, MaxColumns);
            truncated |= reach.Truncated;
            jobs.UnionWith(reach.Jobs);
            foreach (var (column, depth) in reach.Columns)
            {
                if (!columns.TryGetValue(column, out var known) || depth < known.Depth)
                {
                    columns[column] = new ImpactedColumn(column.Urn, column.Column, depth, change.Column);
                }
            }
        }

        return new SchemaChangeImpact
        {
            DatasetUrn = datasetUrn,
            SchemaVersion = schemaVersion,
            At = clock.GetUtcNow(),
            Actor = actor,
            Changes = changes,
            Columns = [.. columns.Values.OrderBy(c => c.Depth).ThenBy(c => c.DatasetUrn, StringComparer.Ordinal).ThenBy(c => c.Column, StringComparer.Ordinal)],
            Jobs = [.. jobs],
            Truncated = truncated,
        };
    }
}
