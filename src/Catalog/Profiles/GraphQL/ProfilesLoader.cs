using GraphQL.DataLoader;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Profiles.GraphQL;

/// <summary>DataLoader of <c>Dataset.profile</c> and <c>Column.profile</c>: the profiles of a whole level in one store round trip.</summary>
public sealed class ProfilesLoader(IProfileStore store)
{
    private readonly KeyedBatch<string, DatasetProfile> _batch = new(store.GetProfilesAsync, StringComparer.Ordinal);

    public IDataLoaderResult<DatasetProfile?> Load(string datasetUrn) =>
        _batch.Load([datasetUrn], found => found.GetValueOrDefault(datasetUrn));
}
