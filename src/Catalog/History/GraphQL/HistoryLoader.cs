using GraphQL.DataLoader;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.History.GraphQL;

/// <summary>DataLoader of <c>history</c>: the recorded changes of every entity of a level in one store round trip.</summary>
public sealed class HistoryLoader(IEntityHistoryStore store)
{
    private readonly KeyedBatches<int, string, IReadOnlyList<ChangeEvent>> _batches = new(
        (first, urns, cancellationToken) => store.GetHistoryManyAsync(urns, first, cancellationToken), StringComparer.Ordinal);

    /// <summary>The entity's newest <paramref name="first"/> changes.</summary>
    public IDataLoaderResult<IReadOnlyList<ChangeEvent>> Load(string urn, int first) =>
        _batches.For(first).Load([urn], found => found.GetValueOrDefault(urn) ?? []);
}
