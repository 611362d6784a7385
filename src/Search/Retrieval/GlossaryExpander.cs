using Lucene.Net.Analysis;
using TownLake.Search.Analysis;
using TownLake.Search.Documents;

namespace TownLake.Search.Retrieval;

/// <summary>
/// Glossary synonyms, analysed once. Finds glossary phrases in a query and returns the other members
/// of each group, so "revenue" also searches "billings" when the glossary says they mean the same.
/// </summary>
internal sealed class GlossaryExpander
{
    private readonly Dictionary<string, List<(string[] Phrase, int Group)>> _byFirstTerm = new(StringComparer.Ordinal);
    private readonly List<List<string[]>> _groups = [];

    public GlossaryExpander(IEnumerable<GlossaryEntry> entries, Analyzer queryAnalyzer)
    {
        foreach (var entry in entries)
        {
            if (string.IsNullOrWhiteSpace(entry.Term))
            {
                throw new ArgumentException("A glossary entry needs a non-empty term.", nameof(entries));
            }

            var phrases = new[] { entry.Term }.Concat(entry.Synonyms ?? [])
                .Select(text => PrimaryTerms(queryAnalyzer, text))
                .Where(phrase => phrase.Length > 0)
                .DistinctBy(phrase => string.Join(' ', phrase))
                .ToList();
            if (phrases.Count < 2)
            {
                continue;
            }

            var groupId = _groups.Count;
            _groups.Add(phrases);
            foreach (var phrase in phrases)
            {
                if (!_byFirstTerm.TryGetValue(phrase[0], out var list))
                {
                    _byFirstTerm[phrase[0]] = list = [];
                }

                list.Add((phrase, groupId));
            }
        }
    }

    public static GlossaryExpander Empty { get; } = new([], SchemaAnalyzer.ForQueries());

    /// <summary>Alternative phrases for the glossary phrases found in <paramref name="queryTerms"/>.</summary>
    public IReadOnlyList<string[]> Expand(IReadOnlyList<string> queryTerms)
    {
        var alternatives = new List<string[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start < queryTerms.Count; start++)
        {
            if (!_byFirstTerm.TryGetValue(queryTerms[start], out var candidates))
            {
                continue;
            }

            foreach (var (phrase, group) in candidates)
            {
                if (!Matches(queryTerms, start, phrase))
                {
                    continue;
                }

                foreach (var other in _groups[group])
                {
                    if (!ReferenceEquals(other, phrase) && seen.Add(string.Join(' ', other)))
                    {
                        alternatives.Add(other);
                    }
                }
            }
        }

        return alternatives;
    }

    private static bool Matches(IReadOnlyList<string> terms, int start, string[] phrase)
    {
        if (start + phrase.Length > terms.Count)
        {
            return false;
        }

        for (var i = 0; i < phrase.Length; i++)
        {
            if (!string.Equals(terms[start + i], phrase[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One term per position (the first one, i.e. not an abbreviation expansion).</summary>
    internal static string[] PrimaryTerms(Analyzer analyzer, string text) =>
        TextTokens.Analyze(analyzer, text)
            .GroupBy(token => token.Position)
            .Select(group => group.First().Term)
            .ToArray();
}
