namespace TownLake.Search.Documents;

/// <summary>
/// One entity in the search index: a dataset (with its columns), a glossary term or a documentation page.
/// The caller's store is the source of truth; this is the projection search needs.
/// </summary>
public sealed record SearchDocument
{
    /// <summary>Unique key; upserting the same URN replaces the document.</summary>
    public required string Urn { get; init; }

    public required SearchEntityType EntityType { get; init; }

    /// <summary>Display name; for datasets <c>catalog.schema.table</c>.</summary>
    public required string Name { get; init; }

    public string? Catalog { get; init; }

    public string? Schema { get; init; }

    /// <summary>Table (or view) name without its container; defaults to the last dotted part of <see cref="Name"/>.</summary>
    public string? Table { get; init; }

    public string? Platform { get; init; }

    /// <summary>Table, view, topic, ... for datasets; free text for the caller.</summary>
    public string? Kind { get; init; }

    public string? Description { get; init; }

    public string? Domain { get; init; }

    /// <summary>Text of a documentation page (or a long description) searched with lower weight.</summary>
    public string? Body { get; init; }

    public IReadOnlyList<SearchColumn> Columns { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Owners { get; init; } = [];

    public IReadOnlyList<GlossaryTermRef> GlossaryTerms { get; init; } = [];

    public IReadOnlyList<JoinRelationship> Joins { get; init; } = [];

    public SearchSignals Signals { get; init; } = SearchSignals.None;

    /// <summary>The table part of the name, used for name matching and join inference.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string TableName => Table ?? (Name.Contains('.', StringComparison.Ordinal) ? Name[(Name.LastIndexOf('.') + 1)..] : Name);
}
