using GraphQL.DataLoader;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Datasets.GraphQL;

/// <summary>
/// DataLoader of a "datasets carrying this" relation (a domain's datasets, a term's datasets): the first datasets by
/// name linked to each parent of a level, in one store round trip per distinct <c>first</c>.
/// </summary>
public abstract class LinkedDatasetsLoader(IDatasetBrowseStore store, string rel)
{
    private readonly KeyedBatches<int, string, IReadOnlyList<Dataset>> _batches = new(
        (first, names, cancellationToken) => store.ListDatasetsByLinkManyAsync(rel, names, first, cancellationToken), StringComparer.Ordinal);

    /// <summary>The first <paramref name="first"/> live datasets linked to <paramref name="name"/>, by name.</summary>
    public IDataLoaderResult<IReadOnlyList<Dataset>> Load(string name, int first) =>
        _batches.For(first).Load([name], found => found.GetValueOrDefault(name) ?? []);
}
