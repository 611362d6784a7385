using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using TownLake.Search.Analysis;

namespace TownLake.Search.Retrieval;

/// <summary>
/// Builds the Lucene query for a plain-English question: each word searches every text field
/// (best field wins, the others add a little), glossary synonyms add alternatives, words the index
/// has never seen fall back to fuzzy matching, and adjacent words score extra as a phrase.
/// </summary>
internal sealed class QuestionQueryBuilder(Analyzer queryAnalyzer)
{
    private const int MaxQueryWords = 64;

    public ParsedQuery Build(string text, GlossaryExpander glossary, IndexReader reader)
    {
        var tokens = TextTokens.Analyze(queryAnalyzer, text);
        if (tokens.Count == 0)
        {
            return new ParsedQuery(new MatchAllDocsQuery(), new HashSet<string>(), IsEmpty: true, UsedFuzzy: false);
        }

        // A pasted essay must not exceed Lucene's clause limit; the first words carry the question anyway.
        var positions = tokens.GroupBy(token => token.Position)
            .Select(group => group.Select(token => token.Term).Distinct(StringComparer.Ordinal).ToArray())
            .Take(MaxQueryWords)
            .ToList();
        var primary = positions.Select(terms => terms[0]).ToList();
        var allTerms = new HashSet<string>(tokens.Select(token => token.Term), StringComparer.Ordinal);

        var root = new BooleanQuery(disableCoord: false);
        var usedFuzzy = false;
        foreach (var terms in positions)
        {
            var word = WordQuery(terms, 1f);
            if (terms.All(term => !IsKnown(reader, term)))
            {
                usedFuzzy |= AddFuzzy(word, terms[0]);
            }

            root.Add(word, Occur.SHOULD);
        }

        foreach (var alternative in glossary.Expand(primary))
        {
            allTerms.UnionWith(alternative);
            if (alternative.Length == 1)
            {
                root.Add(WordQuery(alternative, FieldWeights.GlossaryAlternative), Occur.SHOULD);
                continue;
            }

            var phrase = new BooleanQuery(disableCoord: true) { Boost = FieldWeights.GlossaryAlternative };
            foreach (var term in alternative)
            {
                phrase.Add(WordQuery([term], 1f), Occur.MUST);
            }

            root.Add(phrase, Occur.SHOULD);
        }

        for (var i = 0; i + 1 < primary.Count; i++)
        {
            foreach (var (field, weight) in FieldWeights.Phrase)
            {
                var phrase = new PhraseQuery { Slop = 1, Boost = weight * 0.5f };
                phrase.Add(new Term(field, primary[i]));
                phrase.Add(new Term(field, primary[i + 1]));
                root.Add(phrase, Occur.SHOULD);
            }
        }

        return new ParsedQuery(root, allTerms, IsEmpty: false, usedFuzzy);
    }

    private static DisjunctionMaxQuery WordQuery(IReadOnlyList<string> terms, float boost)
    {
        var word = new DisjunctionMaxQuery(FieldWeights.TieBreaker) { Boost = boost };
        foreach (var (field, weight) in FieldWeights.All)
        {
            foreach (var term in terms)
            {
                word.Add(new TermQuery(new Term(field, term)) { Boost = weight });
            }
        }

        return word;
    }

    /// <summary>Typo tolerance: only for words no text field contains, so exact matches never get diluted.</summary>
    private static bool AddFuzzy(DisjunctionMaxQuery word, string term)
    {
        if (term.Length < 4 || term.All(char.IsDigit))
        {
            return false;
        }

        var maxEdits = term.Length >= 8 ? 2 : 1;
        foreach (var (field, weight) in FieldWeights.Fuzzy)
        {
            word.Add(new FuzzyQuery(new Term(field, term), maxEdits, prefixLength: 1) { Boost = weight * FieldWeights.FuzzyMatch });
        }

        return true;
    }

    private static bool IsKnown(IndexReader reader, string term)
    {
        foreach (var (field, _) in FieldWeights.All)
        {
            if (reader.DocFreq(new Term(field, term)) > 0)
            {
                return true;
            }
        }

        return false;
    }
}
