namespace TownLake.Catalog.Identity;

/// <summary>
/// Catalog entities with their aspects and links (datasets, glossary terms, tags, domains, users, groups, jobs,
/// documents). Every feature reads and writes its entities through this port, so it sits beside
/// <see cref="ICatalogEntity"/> rather than in <c>Stores/</c>: features depend on it, the store adapters implement it
/// (SQLite embedded, PostgreSQL for teams). Every write is one transaction that also records one history entry per changed
/// aspect; saving an unchanged entity writes nothing (upserts are idempotent).
/// </summary>
public interface IEntityStore
{
    Task<T?> GetAsync<T>(string urn, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>Loads many entities in one round trip (for DataLoaders); missing URNs are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, T>> GetManyAsync<T>(IReadOnlyCollection<string> urns, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>All entities of a small entity type (tags, domains, glossary terms, users, groups, jobs), ordered by name.</summary>
    Task<IReadOnlyList<T>> ListAsync<T>(EntityType type, bool includeRemoved, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>
    /// Reads the entity (null when new), applies <paramref name="change"/>, and writes the result with one history
    /// entry per changed aspect — all in one transaction. Returns the stored entity and what changed.
    /// </summary>
    Task<SaveResult<T>> SaveAsync<T>(string urn, Func<T?, T> change, string actor, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>Saves many entities in one transaction (the ingestion path): all are written or none is.</summary>
    Task<IReadOnlyList<SaveResult<T>>> SaveManyAsync<T>(IReadOnlyList<EntityChange<T>> changes, string actor, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>Every entity of a type, streamed in name order (the search index is rebuilt from this).</summary>
    IAsyncEnumerable<T> StreamAsync<T>(EntityType type, CancellationToken cancellationToken) where T : class, ICatalogEntity;

    /// <summary>
    /// Live entities of one type that link to any of <paramref name="targets"/> by <paramref name="rel"/>, grouped by
    /// target and ordered by name (for DataLoaders): a group's child terms, a user's groups.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<T>>> ListLinkingManyAsync<T>(EntityType type, string rel, IReadOnlyCollection<string> targets, CancellationToken cancellationToken) where T : class, ICatalogEntity;
}
