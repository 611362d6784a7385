using GraphQL.DataLoader;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.QueryFront.GraphQL;

/// <summary>DataLoader of <c>Dataset.usage</c>: the usage of every dataset of a level in one store round trip.</summary>
public sealed class DatasetUsageLoader(IQueryAuditStore store)
{
    /// <summary>Top users and datasets read together shown per dataset.</summary>
    public const int Top = 10;

    private readonly KeyedBatch<string, DatasetUsageStats> _batch = new((urns, cancellationToken) => store.GetDatasetUsageManyAsync(urns, Top, cancellationToken), StringComparer.Ordinal);

    public IDataLoaderResult<DatasetUsage> Load(string datasetUrn) =>
        _batch.Load([datasetUrn], found => new DatasetUsage(datasetUrn, found.GetValueOrDefault(datasetUrn) ?? DatasetUsageStats.None));
}
