using Lucene.Net.Search;

namespace TownLake.Search.Retrieval;

/// <summary>A free-text query turned into a Lucene query, plus the terms it searches for (to explain matches).</summary>
internal sealed record ParsedQuery(Query Query, IReadOnlySet<string> Terms, bool IsEmpty, bool UsedFuzzy);
