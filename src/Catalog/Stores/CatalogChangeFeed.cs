using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

/// <summary>
/// Tells followers (the search index, caches) which entities a committed write changed. Followers run after the
/// commit, so a follower's failure never undoes a write; the store stays the source of truth.
/// </summary>
public sealed class CatalogChangeFeed
{
    private readonly List<Action<IReadOnlyList<ICatalogEntity>>> _followers = [];
    private readonly Lock _gate = new();

    public void Follow(Action<IReadOnlyList<ICatalogEntity>> follower)
    {
        lock (_gate)
        {
            _followers.Add(follower);
        }
    }

    public void Publish(IReadOnlyList<ICatalogEntity> changed)
    {
        if (changed.Count == 0)
        {
            return;
        }

        Action<IReadOnlyList<ICatalogEntity>>[] followers;
        lock (_gate)
        {
            followers = [.. _followers];
        }

        foreach (var follower in followers)
        {
            follower(changed);
        }
    }
}
