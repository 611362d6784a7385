namespace TownLake.Catalog.Lineage;

/// <summary>Outside names of datasets (OpenLineage namespace + name) and the catalog dataset each leads to.</summary>
public interface IDatasetAliasStore
{
    /// <summary>
    /// Records outside names of datasets. A known name keeps the dataset it leads to; a dataset keeps its first
    /// primary alias (later ones are stored as plain aliases).
    /// </summary>
    Task SaveDatasetAliasesAsync(IReadOnlyList<DatasetAlias> aliases, CancellationToken cancellationToken);

    /// <summary>Forgets outside names, so the next event naming one resolves it afresh (splitting datasets merged by older naming).</summary>
    Task RemoveDatasetAliasesAsync(IReadOnlyList<(string Namespace, string Name)> names, CancellationToken cancellationToken);

    /// <summary>The dataset an outside name (OpenLineage namespace + name) leads to, or null.</summary>
    Task<DatasetAlias?> FindDatasetAliasAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>Every alias of the given datasets (primary first), keyed by dataset URN; datasets without one are absent.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<DatasetAlias>>> GetDatasetAliasesAsync(IReadOnlyCollection<string> urns, CancellationToken cancellationToken);

    /// <summary>
    /// Moves every outside name and lineage edge of one dataset onto another (a later <c>TABLE</c> symlink names what a
    /// path named before): the old names lead to the target from then on, as plain aliases when it has a primary name;
    /// edges the target already has are kept, and edges that would join the target to itself are dropped.
    /// </summary>
    Task MoveDatasetReferencesAsync(string fromUrn, string toUrn, CancellationToken cancellationToken);
}
