using GraphQL.DataLoader;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.GraphQL;

/// <summary>
/// DataLoader of a reverse relation: the live entities of one type that link to a parent by name (a group's child
/// terms, a user's groups), for every parent of a level in one store round trip.
/// </summary>
public abstract class LinkingEntitiesLoader<T>(IEntityStore store, EntityType type, string rel) where T : class, ICatalogEntity
{
    private readonly KeyedBatch<string, IReadOnlyList<T>> _batch = new((names, cancellationToken) => store.ListLinkingManyAsync<T>(type, rel, names, cancellationToken), StringComparer.Ordinal);

    /// <summary>The entities linking to <paramref name="name"/>, by name.</summary>
    public IDataLoaderResult<IReadOnlyList<T>> Load(string name) => _batch.Load([name], found => found.GetValueOrDefault(name) ?? []);
}
