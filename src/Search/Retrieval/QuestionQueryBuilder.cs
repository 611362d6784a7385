using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using TownLake.Search.Analysis;

namespace TownLake.Search.Retrieval;

/// <summary>
/// Builds the Lucene query for a plain-English question: each word searches every text field
/// (best field wins, the others add a little), glossary synonyms add alternatives, words the index
/// has never seen fall back to fuzzy matching, adjacent words score extra as a phrase, and words in a large share of the
/// index (<see cref="CommonWords"/>) only rank what the rarer words find.
/// </summary>
internal sealed class QuestionQueryBuilder(Analyzer queryAnalyzer, CommonWords commonWords)
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

        var words = new List<Clause>();
        var usedFuzzy = false;
        foreach (var terms in positions)
        {
            var word = WordQuery(terms, 1f);
            var docFreq = terms.Max(term => DocFreq(reader, term));
            if (docFreq == 0)
            {
                usedFuzzy |= AddFuzzy(word, terms[0]);
            }

            words.Add(new Clause(word, commonWords.IsCommon(docFreq, reader.MaxDoc)));
        }

        var alternatives = new List<Clause>();
        foreach (var alternative in glossary.Expand(primary))
        {
            allTerms.UnionWith(alternative);
            // An alternative of several words needs them all, so it is as selective as its rarest word.
            var common = commonWords.IsCommon(alternative.Min(term => DocFreq(reader, term)), reader.MaxDoc);
            if (alternative.Length == 1)
            {
                alternatives.Add(new Clause(WordQuery(alternative, FieldWeights.GlossaryAlternative), common));
                continue;
            }

            var phrase = new BooleanQuery(disableCoord: true) { Boost = FieldWeights.GlossaryAlternative };
            foreach (var term in alternative)
            {
                phrase.Add(WordQuery([term], 1f), Occur.MUST);
            }

            alternatives.Add(new Clause(phrase, common));
        }

        var phrases = new List<Query>();
        for (var i = 0; i + 1 < primary.Count; i++)
        {
            foreach (var (field, weight) in FieldWeights.Phrase)
            {
                var phrase = new PhraseQuery { Slop = 1, Boost = weight * 0.5f };
                phrase.Add(new Term(field, primary[i]));
                phrase.Add(new Term(field, primary[i + 1]));
                phrases.Add(phrase);
            }
        }

        // A question of common words only matches documents having every word (see Combine): each word's terms, for counting.
        var requiredWords = AllCommon(words, alternatives) ? positions : null;
        return new ParsedQuery(Combine(words, alternatives, phrases), allTerms, IsEmpty: false, usedFuzzy, requiredWords);
    }

    /// <summary>
    /// Every word, alternative and phrase is an optional clause (more matched clauses score higher), unless common words
    /// are in the question. Then, as Lucene's <c>CommonTermsQuery</c> does, the rare words decide what matches and the
    /// common ones only add to the score of those matches; a question of common words only matches documents having them
    /// all. Both keep each kept document's score exactly what the plain disjunction gives it: the first adds the rare
    /// words as a requirement that scores nothing, the second makes each word required, which leaves the matched-clause
    /// count (the coordination factor) of a document matching every word unchanged. The cost then follows the rare
    /// words' postings (or the common words' intersection), not the length of the longest list.
    /// </summary>
    private static Query Combine(List<Clause> words, List<Clause> alternatives, List<Query> phrases)
    {
        var rare = words.Concat(alternatives).Where(clause => !clause.Common).Select(clause => clause.Query).ToList();
        var allCommon = AllCommon(words, alternatives);
        var root = new BooleanQuery(disableCoord: false);
        foreach (var word in words)
        {
            root.Add(word.Query, allCommon ? Occur.MUST : Occur.SHOULD);
        }

        foreach (var clause in alternatives.Select(alternative => alternative.Query).Concat(phrases))
        {
            root.Add(clause, Occur.SHOULD);
        }

        if (rare.Count == 0 || !words.Any(word => word.Common))
        {
            return root;
        }

        var anyRare = new BooleanQuery(disableCoord: true);
        rare.ForEach(query => anyRare.Add(query, Occur.SHOULD));
        // Boost 0: the requirement adds nothing to the score nor to the query's normalization.
        return new BooleanQuery(disableCoord: true)
        {
            { root, Occur.MUST },
            { new ConstantScoreQuery(anyRare) { Boost = 0 }, Occur.MUST },
        };
    }

    private static bool AllCommon(List<Clause> words, List<Clause> alternatives) =>
        words.Count > 1 && words.Concat(alternatives).All(clause => clause.Common);

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

    /// <summary>Documents of the field holding the word most often: how much of the index the word's clause matches at least.</summary>
    private static int DocFreq(IndexReader reader, string term)
    {
        var most = 0;
        foreach (var (field, _) in FieldWeights.All)
        {
            most = Math.Max(most, reader.DocFreq(new Term(field, term)));
        }

        return most;
    }

    private sealed record Clause(Query Query, bool Common);
}
