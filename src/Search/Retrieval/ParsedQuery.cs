using Lucene.Net.Search;

namespace TownLake.Search.Retrieval;

/// <summary>
/// A free-text query turned into a Lucene query, plus the terms it searches for (to explain matches). When every word
/// of the question is common, <paramref name="RequiredWords"/> holds each word's terms: a document matches exactly when
/// it has each word in some text field, which the search counts with cached bit sets instead of the query.
/// </summary>
internal sealed record ParsedQuery(Query Query, IReadOnlySet<string> Terms, bool IsEmpty, bool UsedFuzzy, IReadOnlyList<string[]>? RequiredWords = null);
