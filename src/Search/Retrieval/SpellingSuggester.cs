using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using TownLake.Search.Analysis;
using TownLake.Search.Indexing;

namespace TownLake.Search.Retrieval;

/// <summary>
/// "Did you mean": a query word the index has never seen is replaced by the closest word it has (at most one edit for
/// short words, two for longer ones; a transposition counts as one), taken from the index's own terms of the text
/// fields through Lucene's <see cref="FuzzyTermsEnum"/> (a Levenshtein automaton over the term dictionary), so a
/// suggestion always finds something. Among equally close words the most frequent wins.
/// </summary>
internal sealed partial class SpellingSuggester(Analyzer queryAnalyzer)
{
    private static readonly string[] Fields = [IndexFields.TableName, IndexFields.Columns, IndexFields.Description, IndexFields.Glossary, IndexFields.Container];

    /// <summary>Words shorter than this are left alone: too many real words are one edit away from them.</summary>
    private const int MinWordLength = 4;

    /// <summary>At most this many words are looked at, so a pasted paragraph costs no more than a question.</summary>
    private const int MaxWords = 12;

    /// <summary>The query with its unknown words corrected, or null when every word is known or none has a close match.</summary>
    public string? Suggest(string query, IndexReader reader)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var corrected = new StringBuilder(query);
        var changed = false;
        // Right to left, so replacing a word keeps the positions of the words before it.
        foreach (var word in Words().Matches(query).Take(MaxWords).Reverse())
        {
            if (word.Length < MinWordLength || word.Value.All(char.IsDigit))
            {
                continue;
            }

            var terms = TextTokens.Terms(queryAnalyzer, word.Value);
            if (terms.Count == 0 || terms.Any(term => DocFreq(reader, term) > 0))
            {
                continue;
            }

            if (Closest(reader, word.Value.ToLowerInvariant()) is { } replacement)
            {
                corrected.Remove(word.Index, word.Length).Insert(word.Index, replacement);
                changed = true;
            }
        }

        return changed ? corrected.ToString() : null;
    }

    private static int DocFreq(IndexReader reader, string term) => Fields.Sum(field => reader.DocFreq(new Term(field, term)));

    private static string? Closest(IndexReader reader, string word)
    {
        var maxEdits = word.Length >= 7 ? 2 : 1;
        var candidates = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var terms = MultiFields.GetTerms(reader, field);
            if (terms is null)
            {
                continue;
            }

            var fuzzy = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(field, word), maxEdits, prefixLength: 1, transpositions: true);
            while (fuzzy.MoveNext())
            {
                var candidate = fuzzy.Term.Utf8ToString();
                if (candidate.Length >= MinWordLength - 1 && candidate.All(char.IsLetterOrDigit) && Distance(word, candidate) is var edits && edits <= maxEdits)
                {
                    candidates[candidate] = edits;
                }
            }
        }

        // Closest first; among equally close words the one most entities use, then the first in order (stable answers).
        return candidates
            .Select(c => (Term: c.Key, Edits: c.Value, DocFreq: DocFreq(reader, c.Key)))
            .OrderBy(c => c.Edits).ThenByDescending(c => c.DocFreq).ThenBy(c => c.Term, StringComparer.Ordinal)
            .Select(c => c.Term)
            .FirstOrDefault();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Words();
}
