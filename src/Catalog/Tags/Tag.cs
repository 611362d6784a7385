using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Tags;

/// <summary>A tag (e.g. <c>curated</c>, <c>pii</c>, <c>internal</c>) that labels datasets and columns.</summary>
public sealed record Tag : ICatalogEntity
{
    public required string Urn { get; init; }
    public required string Name { get; init; }
    public EntityType Type => EntityType.Tag;
    public string? Description { get; init; }
    public bool Removed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static Tag Create(string name, DateTimeOffset now) => new() { Urn = Identity.Urn.Tag(name), Name = name, CreatedAt = now, UpdatedAt = now };

    public ICatalogEntity Stamped(DateTimeOffset createdAt, DateTimeOffset updatedAt) => this with { CreatedAt = createdAt, UpdatedAt = updatedAt };

    public IEnumerable<KeyValuePair<string, object?>> Aspects()
    {
        yield return new("properties", new { Description });
        yield return new("status", new { Removed });
    }
}
