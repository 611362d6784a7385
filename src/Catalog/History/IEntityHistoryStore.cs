namespace TownLake.Catalog.History;

/// <summary>The change history the entity store records with every write (one entry per changed aspect).</summary>
public interface IEntityHistoryStore
{
    /// <summary>The change history of one entity, newest first, at most <paramref name="first"/> entries (0 to 1000).</summary>
    Task<IReadOnlyList<ChangeEvent>> GetHistoryAsync(string urn, int first, CancellationToken cancellationToken);

    /// <summary><see cref="GetHistoryAsync"/> for many entities at once (for DataLoaders): each entity's newest <paramref name="first"/> changes.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<ChangeEvent>>> GetHistoryManyAsync(IReadOnlyCollection<string> urns, int first, CancellationToken cancellationToken);
}
