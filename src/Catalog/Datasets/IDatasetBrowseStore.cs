namespace TownLake.Catalog.Datasets;

/// <summary>Dataset browse: filtered, ordered, keyset-paged lists of datasets, computed in the database.</summary>
public interface IDatasetBrowseStore
{
    /// <summary>
    /// One page of datasets, filtered and sorted in the database. Paging is keyset: the next page starts after the
    /// previous page's last (sort key, name), so under a live order (last update, query count) a dataset whose key
    /// changes between two page reads can move past the boundary and be seen twice or not at all.
    /// BAD_USER_INPUT when <see cref="DatasetQuery.First"/> is outside 0..1000 or an ordered page lacks its sort key.
    /// </summary>
    Task<DatasetPage> ListDatasetsAsync(DatasetQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The first <paramref name="first"/> live datasets by name linked to each of <paramref name="targets"/> by
    /// <paramref name="rel"/> (for DataLoaders): <see cref="ListDatasetsAsync"/> filtered by one domain or term, for many at once.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<Dataset>>> ListDatasetsByLinkManyAsync(string rel, IReadOnlyCollection<string> targets, int first, CancellationToken cancellationToken);
}
