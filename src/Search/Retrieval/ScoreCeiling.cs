using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TownLake.Search.Retrieval;

/// <summary>
/// The highest score a query can give any of one segment's <c>matches</c> under BM25 (k1 1.2, b 0.75, no coordination, no
/// query norm, as <see cref="Lucene.Net.Search.Similarities.BM25Similarity"/> scores). Each field term (or phrase) has a
/// ceiling from the highest frequency it has at each encoded field length (<see cref="CommonWordStats"/>; a sloppy
/// phrase counts at most one match per position it moves through, so its frequency is at most the sum of its terms');
/// a best-field disjunction combines its parts' ceilings as it combines scores, a boolean query adds its clauses'.
/// Adding each word's best field over the whole segment would be far too high ("accounts customer_id": no table is
/// named both account and customer), so the ceiling is the best over the combinations of field terms some match
/// actually has together: a branch-and-bound walk splits the matches by having or lacking each term, with the terms'
/// matches as bit sets; past <see cref="MaxSteps"/> it settles for the plain sum. Null for a query it cannot bound
/// (fuzzy terms, wrapped queries), so the caller scores every match instead.
/// </summary>
internal sealed class ScoreCeiling(ScoreCeiling.Collection collection, AtomicReader segment, CommonWordStats.Segment stats, FixedBitSet matches)
{
    /// <summary>The index-wide statistics BM25 reads (document frequencies, average field lengths), looked up once per search for all its segments.</summary>
    internal sealed class Collection(IndexSearcher searcher)
    {
        private readonly Dictionary<(string Field, string Term), int> _docFreqs = [];
        private readonly Dictionary<string, double> _averageLengths = new(StringComparer.Ordinal);

        public int MaxDoc => searcher.IndexReader.MaxDoc;

        public int DocFreq(string field, string term)
        {
            if (!_docFreqs.TryGetValue((field, term), out var docFreq))
            {
                _docFreqs[(field, term)] = docFreq = searcher.IndexReader.DocFreq(new Term(field, term));
            }

            return docFreq;
        }

        public double AverageLength(string field)
        {
            if (!_averageLengths.TryGetValue(field, out var average))
            {
                var statistics = searcher.CollectionStatistics(field);
                _averageLengths[field] = average = statistics.SumTotalTermFreq <= 0 ? 1.0 : statistics.SumTotalTermFreq / (double)statistics.DocCount;
            }

            return average;
        }
    }

    /// <summary>Most branches walked; beyond them the ceiling assumes every term can meet every other.</summary>
    public const int MaxSteps = 2_000;

    private const double K1 = 1.2;
    private const double B = 0.75;

    private static readonly double[] LengthOfNorm = Enumerable.Range(0, 256)
        .Select(norm => SmallSingle.SByte315ToSingle((sbyte)norm))
        .Select(f => 1.0 / ((double)f * f))
        .ToArray();

    /// <summary>A part's ceiling below this share of the query's counts as always there: not worth a branch, and far below float rounding.</summary>
    private const double Negligible = 1e-7;

    private readonly List<double> _values = [];
    private readonly Dictionary<string, (string Field, string[] Terms, List<int> Slots)> _presence = new(StringComparer.Ordinal);

    /// <summary>Phrases of the query no match of the segment can have (a repeated word only there once, a term missing).</summary>
    public HashSet<PhraseQuery> Unmatchable { get; } = new(ReferenceEqualityComparer.Instance);

    public double? Of(Query query)
    {
        if (Build(query, 1.0) is not { } root)
        {
            return null;
        }

        // Only terms that weigh are branched on (their matches intersected with the question's); the others always count.
        var values = _values.ToArray();
        var all = root.Value(values);
        var branches = new List<(long[] Bits, List<int> Slots)>();
        foreach (var (field, terms, slots) in _presence.Values)
        {
            if (!slots.Any(slot => values[slot] > Negligible * all))
            {
                continue;
            }

            var having = (long[])matches.GetBits().Clone();
            var any = true;
            foreach (var term in terms.Distinct(StringComparer.Ordinal))
            {
                any &= stats.TermMatches(segment, field, term) is { } termMatches && And(having, termMatches.GetBits(), having);
            }

            if (any)
            {
                branches.Add((having, slots));
            }
            else
            {
                slots.ForEach(slot => values[slot] = 0);
            }
        }

        return new Walk(root, branches, values).Best(matches.GetBits());
    }

    /// <summary>The query as a tree of sums and best-field maxima over its field terms (their ceilings in <see cref="_values"/>).</summary>
    private Node? Build(Query query, double boost)
    {
        switch (query)
        {
            case BooleanQuery boolean:
                var clauses = new List<Node>();
                foreach (var clause in boolean.Clauses.Where(clause => clause.Occur != Occur.MUST_NOT))
                {
                    if (Build(clause.Query, boost * boolean.Boost) is not { } built)
                    {
                        return null;
                    }

                    clauses.Add(built);
                }

                return new Node.Sum(clauses);
            case DisjunctionMaxQuery disjunction:
                var disjuncts = new List<Node>();
                foreach (var disjunct in disjunction.Disjuncts)
                {
                    if (Build(disjunct, boost * disjunction.Boost) is not { } built)
                    {
                        return null;
                    }

                    disjuncts.Add(built);
                }

                return new Node.Best(disjuncts, disjunction.TieBreakerMultiplier);
            case TermQuery term:
                return Part(term.Term.Field, [term.Term.Text], boost * term.Boost);
            case PhraseQuery phrase:
                var terms = phrase.GetTerms();
                if (terms.Length == 0)
                {
                    return new Node.Sum([]);
                }

                var part = Part(terms[0].Field, terms.Select(t => t.Text).ToArray(), boost * phrase.Boost);
                if (_values[part.Index] == 0)
                {
                    Unmatchable.Add(phrase);
                }

                return part;
            case ConstantScoreQuery constant when constant.Boost == 0:
                return new Node.Sum([]);
            default:
                return null;
        }
    }

    /// <summary>One term, or a phrase of several in one field, and its ceiling.</summary>
    private Node.Part Part(string field, string[] terms, double boost)
    {
        _values.Add(Ceiling(field, terms, boost));
        // The same field terms in several clauses (a word typed twice) are there or not together.
        var key = field + "\u001F" + string.Join('\u001F', terms);
        if (_presence.TryGetValue(key, out var known))
        {
            known.Slots.Add(_values.Count - 1);
        }
        else
        {
            _presence[key] = (field, terms, [_values.Count - 1]);
        }

        return new Node.Part(_values.Count - 1);
    }

    /// <summary>One term's, or a phrase's (its idf is the sum of its terms'), highest BM25 score in the segment.</summary>
    private double Ceiling(string field, string[] terms, double boost)
    {
        var idf = 0.0;
        var freqs = new List<(int[] Most, int Needed)>();
        foreach (var group in terms.GroupBy(term => term, StringComparer.Ordinal))
        {
            var docFreq = collection.DocFreq(field, group.Key);
            if (docFreq == 0 || stats.MaxFreqByNorm(segment, field, group.Key) is not { } most)
            {
                return 0;
            }

            idf += group.Count() * Math.Log(1 + ((collection.MaxDoc - docFreq + 0.5) / (docFreq + 0.5)));
            freqs.Add((most, group.Count()));
        }

        var averageLength = collection.AverageLength(field);
        var best = 0.0;
        for (var slot = 0; slot <= CommonWordStats.NoNorms; slot++)
        {
            var freq = 0.0;
            var present = true;
            foreach (var (most, needed) in freqs)
            {
                // A phrase repeating a word needs it at as many different positions.
                present &= most[slot] >= needed;
                freq += most[slot] * needed;
            }

            if (!present)
            {
                continue;
            }

            var lengthNorm = slot == CommonWordStats.NoNorms ? K1 : K1 * ((1 - B) + (B * LengthOfNorm[slot] / averageLength));
            best = Math.Max(best, freq / (freq + lengthNorm));
        }

        return idf * boost * (K1 + 1) * best;
    }

    /// <summary>into = left AND right; whether any bit is left.</summary>
    private static bool And(long[] left, long[] right, long[] into)
    {
        var any = 0L;
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            into[i] = left[i] & right[i];
            any |= into[i];
        }

        Array.Clear(into, length, into.Length - length);
        return any != 0;
    }

    /// <summary>into = left AND NOT right; whether any bit is left.</summary>
    private static bool AndNot(long[] left, long[] right, long[] into)
    {
        var any = 0L;
        for (var i = 0; i < left.Length; i++)
        {
            into[i] = i < right.Length ? left[i] & ~right[i] : left[i];
            any |= into[i];
        }

        return any != 0;
    }

    /// <summary>A query as the ceiling sees it.</summary>
    private abstract record Node
    {
        public abstract double Value(double[] parts);

        public sealed record Sum(List<Node> Clauses) : Node
        {
            public override double Value(double[] parts) => Clauses.Sum(clause => clause.Value(parts));
        }

        public sealed record Best(List<Node> Disjuncts, float TieBreaker) : Node
        {
            public override double Value(double[] parts)
            {
                var sum = 0.0;
                var max = 0.0;
                foreach (var disjunct in Disjuncts)
                {
                    var value = disjunct.Value(parts);
                    sum += value;
                    max = Math.Max(max, value);
                }

                return max + (TieBreaker * (sum - max));
            }
        }

        public sealed record Part(int Index) : Node
        {
            public override double Value(double[] parts) => parts[Index];
        }
    }

    /// <summary>
    /// Branch and bound over the field terms, strongest first: the documents left either have the term (its parts
    /// count) or lack it (they count nothing); a branch whose every remaining part counting cannot beat the best found is
    /// dropped. Terms not branched on always count.
    /// </summary>
    private sealed class Walk(Node root, List<(long[] Bits, List<int> Slots)> branches, double[] values)
    {
        private readonly List<(long[] Bits, List<int> Slots)> _order = branches.OrderByDescending(branch => branch.Slots.Max(slot => values[slot])).ToList();
        private readonly List<(long[] With, long[] Without)> _scratch = [];
        private double _best;
        private int _steps;

        public double Best(long[] documents)
        {
            var all = root.Value(values);
            if (_order.Count == 0)
            {
                return all;
            }

            Visit(0, documents);
            return _steps > MaxSteps ? all : _best;
        }

        private void Visit(int depth, long[] documents)
        {
            if (++_steps > MaxSteps)
            {
                return;
            }

            var ceiling = root.Value(values);
            if (ceiling <= _best)
            {
                return;
            }

            if (depth == _order.Count)
            {
                _best = ceiling;
                return;
            }

            var (bits, slots) = _order[depth];
            if (_scratch.Count <= depth)
            {
                _scratch.Add((new long[documents.Length], new long[documents.Length]));
            }

            var (with, without) = _scratch[depth];
            if (And(documents, bits, with))
            {
                Visit(depth + 1, with);
            }

            if (AndNot(documents, bits, without))
            {
                var kept = slots.Select(slot => values[slot]).ToList();
                slots.ForEach(slot => values[slot] = 0);
                Visit(depth + 1, without);
                for (var i = 0; i < slots.Count; i++)
                {
                    values[slots[i]] = kept[i];
                }
            }
        }
    }
}
