using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Glossary;

/// <summary>
/// A business term (or a term group when <see cref="IsGroup"/>) of the glossary: a definition, synonyms that search
/// expands queries with, related terms, and a parent group forming the hierarchy.
/// </summary>
public sealed record GlossaryTerm : ICatalogEntity
{
    public required string Urn { get; init; }
    public required string Name { get; init; }
    public EntityType Type => EntityType.GlossaryTerm;
    public string? Definition { get; init; }
    public bool IsGroup { get; init; }
    public string? Parent { get; init; }
    public IReadOnlyList<string> Synonyms { get; init; } = [];
    public IReadOnlyList<string> RelatedTerms { get; init; } = [];
    public bool Removed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public ICatalogEntity Stamped(DateTimeOffset createdAt, DateTimeOffset updatedAt) => this with { CreatedAt = createdAt, UpdatedAt = updatedAt };

    public IEnumerable<KeyValuePair<string, object?>> Aspects()
    {
        yield return new("properties", new { Definition, IsGroup, Parent });
        yield return new("synonyms", Synonyms);
        yield return new("relatedTerms", RelatedTerms);
        yield return new("status", new { Removed });
    }
}
