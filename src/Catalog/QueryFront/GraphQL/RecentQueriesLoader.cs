using GraphQL.DataLoader;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.QueryFront.GraphQL;

/// <summary>DataLoader of <c>DatasetUsage.recentQueries</c>: the latest queries of every dataset of a level in one store round trip.</summary>
public sealed class RecentQueriesLoader(IQueryAuditStore store)
{
    private readonly KeyedBatches<(string? User, int First), string, IReadOnlyList<QueryRecord>> _batches = new(
        (scope, urns, cancellationToken) => store.ListDatasetQueriesManyAsync(urns, scope.User, scope.First, cancellationToken), StringComparer.Ordinal);

    /// <summary>The newest <paramref name="first"/> queries that read the dataset, of one user or (null) everyone's.</summary>
    public IDataLoaderResult<IReadOnlyList<QueryRecord>> Load(string datasetUrn, string? user, int first) =>
        _batches.For((user, first)).Load([datasetUrn], found => found.GetValueOrDefault(datasetUrn) ?? []);
}
