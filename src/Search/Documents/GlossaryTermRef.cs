namespace TownLake.Search.Documents;

/// <summary>A glossary term attached to a dataset or column, with the synonyms that should find it.</summary>
public sealed record GlossaryTermRef(string Name, IReadOnlyList<string>? Synonyms = null);
