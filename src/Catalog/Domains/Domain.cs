using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Domains;

/// <summary>A business domain (e.g. Finance, Product) that groups datasets.</summary>
public sealed record Domain : ICatalogEntity
{
    public required string Urn { get; init; }
    public required string Name { get; init; }
    public EntityType Type => EntityType.Domain;
    public string? Description { get; init; }
    public bool Removed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static Domain Create(string name, DateTimeOffset now) => new() { Urn = Identity.Urn.Domain(name), Name = name, CreatedAt = now, UpdatedAt = now };

    public ICatalogEntity Stamped(DateTimeOffset createdAt, DateTimeOffset updatedAt) => this with { CreatedAt = createdAt, UpdatedAt = updatedAt };

    public IEnumerable<KeyValuePair<string, object?>> Aspects()
    {
        yield return new("properties", new { Description });
        yield return new("status", new { Removed });
    }
}
