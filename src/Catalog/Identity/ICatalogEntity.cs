namespace TownLake.Catalog.Identity;

/// <summary>What every stored catalog entity has: a URN, a name, a type, and aspects whose changes are recorded.</summary>
public interface ICatalogEntity
{
    string Urn { get; }
    string Name { get; }
    EntityType Type { get; }
    bool Removed { get; }
    DateTimeOffset CreatedAt { get; }
    DateTimeOffset UpdatedAt { get; }

    /// <summary>Named parts of the entity; a change to one is one entry in the change history.</summary>
    IEnumerable<KeyValuePair<string, object?>> Aspects();

    /// <summary>A copy with the store's timestamps.</summary>
    ICatalogEntity Stamped(DateTimeOffset createdAt, DateTimeOffset updatedAt);
}
