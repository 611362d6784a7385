using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Users;

/// <summary>A person known to the catalog (an owner, an editor, a querier).</summary>
public sealed record User : ICatalogEntity
{
    public required string Urn { get; init; }
    public required string Name { get; init; }
    public EntityType Type => EntityType.User;
    public string? DisplayName { get; init; }
    public string? Email { get; init; }
    public bool Removed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static User Create(string name, DateTimeOffset now) => new() { Urn = Identity.Urn.User(name), Name = name, CreatedAt = now, UpdatedAt = now };

    public ICatalogEntity Stamped(DateTimeOffset createdAt, DateTimeOffset updatedAt) => this with { CreatedAt = createdAt, UpdatedAt = updatedAt };

    public IEnumerable<KeyValuePair<string, object?>> Aspects()
    {
        yield return new("properties", new { DisplayName, Email });
        yield return new("status", new { Removed });
    }
}
