using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Users;

/// <summary>A group of users; groups own datasets and carry access in later rules.</summary>
public sealed record Group : ICatalogEntity
{
    public required string Urn { get; init; }
    public required string Name { get; init; }
    public EntityType Type => EntityType.Group;
    public string? DisplayName { get; init; }
    public IReadOnlyList<string> Members { get; init; } = [];
    public bool Removed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static Group Create(string name, DateTimeOffset now) => new() { Urn = Identity.Urn.Group(name), Name = name, CreatedAt = now, UpdatedAt = now };

    public ICatalogEntity Stamped(DateTimeOffset createdAt, DateTimeOffset updatedAt) => this with { CreatedAt = createdAt, UpdatedAt = updatedAt };

    public IEnumerable<KeyValuePair<string, object?>> Aspects()
    {
        yield return new("properties", new { DisplayName });
        yield return new("membership", Members);
        yield return new("status", new { Removed });
    }
}
