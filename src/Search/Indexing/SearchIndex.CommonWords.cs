using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using TownLake.Search.Ranking;
using TownLake.Search.Retrieval;

namespace TownLake.Search.Indexing;

/// <summary>
/// Questions of only common words ("customers customer_id" when every table has a customer_id column): they match
/// documents having every word, often most of the index, and walking those postings (to count, to count facets, to score)
/// grows with the catalog. Here the matches are an AND of cached per-segment bit sets of each word (exact count at the
/// cost of a few bit operations), the facets count every match up to <see cref="SearchIndexOptions.ExactFacetCountLimit"/>
/// and a spread sample above it (flagged as estimates), and scoring runs in document order and stops once the top hits
/// all score at the ceiling of what is left (<see cref="ScoreCeiling"/>): the same top hits as scoring every match.
/// </summary>
public sealed partial class SearchIndex
{
    /// <summary>Relative float rounding between the ceiling (computed in doubles) and Lucene's float scores.</summary>
    private const double CeilingRounding = 1e-5;

    private readonly CommonWordStats _commonWordStats = new();

    /// <summary>
    /// Warms the segments the index opened with (the last commit's, or a build's), in the background, so the first
    /// questions after a start do not pay for them; merged segments are warmed by the writer before searches read them.
    /// </summary>
    private void WarmOpenSegments(CommonWordWarmer warmer)
    {
        var searcher = _searchers.Acquire();
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                warmer.Warm(leaf.AtomicReader);
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>How many words each segment searches read has cached (in segment order).</summary>
    internal IReadOnlyList<int> CachedCommonWords()
    {
        var searcher = _searchers.Acquire();
        try
        {
            return searcher.IndexReader.Leaves.Select(leaf => _commonWordStats.For(leaf.AtomicReader).WordCount).ToList();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Per segment, the documents having every word that the filter accepts and that are not deleted.</summary>
    private List<(AtomicReaderContext Leaf, FixedBitSet Matches)> CommonWordMatches(IndexSearcher searcher, IReadOnlyList<string[]> words, Filter? filter)
    {
        var fields = FieldWeights.Fields;
        var segments = new List<(AtomicReaderContext, FixedBitSet)>();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            FixedBitSet? matches = null;
            if (filter is not null)
            {
                if (filter.GetDocIdSet(leaf, null) is not { } accepted)
                {
                    continue;
                }

                matches = accepted as FixedBitSet is { } bits ? bits.Clone() : accepted.GetIterator() is { } iterator ? FilterCache.ToBits(iterator, reader.MaxDoc) : null;
                if (matches is null)
                {
                    continue;
                }
            }

            var stats = _commonWordStats.For(reader);
            foreach (var word in words)
            {
                var bits = stats.WordMatches(reader, word, fields);
                if (matches is null)
                {
                    matches = bits.Clone();
                }
                else
                {
                    matches.And(bits);
                }
            }

            if (matches is null)
            {
                continue;
            }

            if (reader.LiveDocs is { } live)
            {
                for (var doc = matches.NextSetBit(0); doc >= 0; doc = doc + 1 < matches.Length ? matches.NextSetBit(doc + 1) : -1)
                {
                    if (!live.Get(doc))
                    {
                        matches.Clear(doc);
                    }
                }
            }

            segments.Add((leaf, matches));
        }

        return segments;
    }

    /// <summary>The best <paramref name="window"/> matches, in the order scoring every match gives them.</summary>
    private TopDocs CommonWordTop(IndexSearcher searcher, Query query, List<(AtomicReaderContext Leaf, FixedBitSet Matches)> segments, int window)
    {
        // The ceiling of what is left to score, from each segment on (null: unbounded, score every match).
        var ceilings = new double?[segments.Count];
        double? left = _options.ScoreEveryMatch ? null : 0;
        HashSet<PhraseQuery>? unmatchable = null;
        var collection = new ScoreCeiling.Collection(searcher);
        for (var i = segments.Count - 1; i >= 0 && !_options.ScoreEveryMatch; i--)
        {
            var reader = segments[i].Leaf.AtomicReader;
            var segmentCeiling = new ScoreCeiling(collection, reader, _commonWordStats.For(reader), segments[i].Matches);
            var bound = segmentCeiling.Of(query) * MaxBoost(reader);
            left = bound is { } segmentBound && left is { } later ? Math.Max(segmentBound, later) : null;
            ceilings[i] = left;
            if (unmatchable is null)
            {
                unmatchable = segmentCeiling.Unmatchable;
            }
            else
            {
                unmatchable.IntersectWith(segmentCeiling.Unmatchable);
            }
        }

        // A phrase no match can have scores nothing, but looking for its next match ("customer customer" when every
        // table has one customer) walks every document having its words: leaving it out gives the same scores.
        var weight = searcher.CreateNormalizedWeight(unmatchable is { Count: > 0 } ? Without(query, unmatchable) : query);
        var top = TopScoreDocCollector.Create(window, docsScoredInOrder: true);
        var ceiling = new TopHitsCeilingCollector(top, window);
        var collector = new SignalBoostCollector(ceiling, _segmentValues);

        for (var i = 0; i < segments.Count && !ceiling.Done; i++)
        {
            var (leaf, matches) = segments[i];
            ceiling.Threshold = ceilings[i] is { } bound ? Math.Min(ceiling.Threshold, bound * (1 - CeilingRounding)) : double.PositiveInfinity;
            collector.SetNextReader(leaf);
            try
            {
                ScoreInWindows(weight, leaf, matches, collector);
            }
            catch (CollectionTerminatedException)
            {
                break;
            }
        }

        return top.GetTopDocs();
    }

    /// <summary>
    /// Scores a segment's matches in document order, in growing runs of document ids, each with a scorer that only
    /// accepts that run: an optional phrase looks for its next match when asked for its score, and with every document
    /// accepted that look-ahead walks the rest of the segment ("account email": both words in every table's columns,
    /// never next to each other) even when the search stops after a few hundred documents.
    /// </summary>
    private static void ScoreInWindows(Weight weight, AtomicReaderContext leaf, FixedBitSet matches, ICollector collector)
    {
        var maxDoc = leaf.AtomicReader.MaxDoc;
        for (int start = 0, size = FirstWindow; start < maxDoc; start += size, size = (int)Math.Min(int.MaxValue / 2, size * 2L))
        {
            var window = new Window(matches, start, (int)Math.Min(maxDoc, (long)start + size));
            if (weight.GetScorer(leaf, window) is not { } scorer)
            {
                return;
            }

            collector.SetScorer(scorer);
            for (var doc = scorer.Advance(start); doc < window.End; doc = scorer.NextDoc())
            {
                collector.Collect(doc);
            }
        }
    }

    private const int FirstWindow = 4096;

    /// <summary>The matches within [<paramref name="start"/>, <see cref="End"/>).</summary>
    private sealed class Window(FixedBitSet matches, int start, int end) : IBits
    {
        public int End => end;

        public int Length => matches.Length;

        public bool Get(int index) => index >= start && index < end && matches.Get(index);
    }

    private static Query Without(Query query, HashSet<PhraseQuery> phrases)
    {
        if (query is not BooleanQuery boolean)
        {
            return query;
        }

        var kept = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost, MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch };
        foreach (var clause in boolean.Clauses.Where(clause => clause.Query is not PhraseQuery phrase || !phrases.Contains(phrase)))
        {
            kept.Add(Without(clause.Query, phrases), clause.Occur);
        }

        return kept;
    }

    private double MaxBoost(AtomicReader reader) =>
        _segmentValues.For(reader).SignalBoosts is { Length: > 0 } boosts ? Math.Max(1.0, boosts.Max()) : 1.0;

    /// <summary>Facet counts of the matches: every match up to the limit, else a sample spread over them scaled to the total.</summary>
    private (FacetCollector Counts, bool Estimated) CountFacets(List<(AtomicReaderContext Leaf, FixedBitSet Matches)> segments)
    {
        var total = segments.Sum(segment => segment.Matches.Cardinality);
        var counts = new FacetCollector(_segmentValues);
        var limit = _options.ExactFacetCountLimit;
        if (total <= limit)
        {
            foreach (var (leaf, matches) in segments)
            {
                counts.SetNextReader(leaf);
                for (var doc = matches.NextSetBit(0); doc >= 0; doc = doc + 1 < matches.Length ? matches.NextSetBit(doc + 1) : -1)
                {
                    counts.Collect(doc);
                }
            }

            return (counts, false);
        }

        // One document id drawn from each run of `step` ids: about `limit` of the matches, spread over the whole index
        // (drawn, not every step-th, so a pattern in the order documents were indexed in cannot line up with the step).
        // A fixed seed keeps the estimates of one question the same from one search to the next.
        var step = (int)Math.Ceiling(total / (double)limit);
        var random = new Random(step);
        long sampled = 0;
        foreach (var (leaf, matches) in segments)
        {
            counts.SetNextReader(leaf);
            for (var start = 0; start < matches.Length; start += step)
            {
                var doc = start + random.Next(Math.Min(step, matches.Length - start));
                if (matches.Get(doc))
                {
                    counts.Collect(doc);
                    sampled++;
                }
            }
        }

        counts.Scale(sampled == 0 ? 0 : total / (double)sampled);
        return (counts, true);
    }
}
