namespace TownLake.Search.Documents;

/// <summary>A column of a dataset as the search index sees it.</summary>
public sealed record SearchColumn(
    string Name,
    string? Type = null,
    string? Description = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? GlossaryTerms = null);
