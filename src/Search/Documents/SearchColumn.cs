namespace TownLake.Search.Documents;

/// <summary>
/// A column of a dataset as the search index sees it. <see cref="Values"/> are frequent values from the column's data
/// profile (only what every reader may see): searching a value finds the dataset whose column holds it.
/// </summary>
public sealed record SearchColumn(
    string Name,
    string? Type = null,
    string? Description = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? GlossaryTerms = null,
    IReadOnlyList<string>? Values = null);
