namespace TownLake.Catalog.QueryFront;

/// <summary>
/// The query audit trail (one row per query with the datasets it read) and the usage derived from it: per-dataset
/// usage statistics and the successful-query counts that search popularity and the most-queried browse rank by.
/// </summary>
public interface IQueryAuditStore
{
    /// <summary>Writes a query's audit row (insert, or update by id) with the datasets it read.</summary>
    Task SaveQueryAsync(QueryRecord query, CancellationToken cancellationToken);

    /// <summary>One audited query by id, or null.</summary>
    Task<QueryRecord?> GetQueryAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Audited queries that read a dataset (optionally only one user's), newest first, at most <paramref name="first"/>;
    /// BAD_USER_INPUT when <paramref name="first"/> is outside 0..1000.
    /// </summary>
    Task<IReadOnlyList<QueryRecord>> ListDatasetQueriesAsync(string datasetUrn, string? user, int first, CancellationToken cancellationToken);

    /// <summary>Usage of a dataset from the successful queries that read it, with the <paramref name="top"/> users and joined datasets.</summary>
    Task<DatasetUsageStats> GetDatasetUsageAsync(string datasetUrn, int top, CancellationToken cancellationToken);

    /// <summary>Successful queries per dataset URN since a time (all time when null): the popularity signal for search.</summary>
    Task<IReadOnlyDictionary<string, int>> GetQueryCountsAsync(DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="GetDatasetUsageAsync"/> for many datasets at once (for DataLoaders). Datasets no successful query read
    /// are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, DatasetUsageStats>> GetDatasetUsageManyAsync(IReadOnlyCollection<string> datasetUrns, int top, CancellationToken cancellationToken);

    /// <summary><see cref="ListDatasetQueriesAsync"/> for many datasets at once (for DataLoaders): each dataset's newest <paramref name="first"/>.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<QueryRecord>>> ListDatasetQueriesManyAsync(IReadOnlyCollection<string> datasetUrns, string? user, int first, CancellationToken cancellationToken);
}
