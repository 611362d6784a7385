namespace TownLake.Search.Documents;

/// <summary>
/// One glossary term and the words that mean the same (or nearly the same) thing.
/// Every member of the group expands a query to every other member.
/// </summary>
public sealed record GlossaryEntry(string Term, IReadOnlyList<string> Synonyms);
