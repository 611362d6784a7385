using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;
using TownLake.Search.Retrieval;
using TownLake.Search.Ranking;

namespace TownLake.Search.Indexing;

/// <summary>
/// Per-segment arrays of the values every search reads for every match (facet ordinals, signal multipliers),
/// decoded once per segment instead of once per matching document from the packed doc values, and of the join
/// facts the rerank reads, decoded per document on first use.
/// Segments are immutable, so an entry stays valid for the segment's life; refreshed searchers share the
/// entries of the segments they keep, and entries of merged-away segments are collected with them.
/// </summary>
internal sealed class SegmentValues
{
    private readonly ConditionalWeakTable<object, Segment> _segments = new();

    public Segment For(AtomicReader reader)
    {
        var segment = _segments.GetValue(reader.CoreCacheKey, _ => new Segment(reader));
        // Readers of one core share its doc values, but each is disposed with its searcher (a refresh that only adds
        // deletions opens a new reader on the same core): decode through the newest reader, never a disposed one.
        segment.UseReader(reader);
        return segment;
    }

    /// <summary>The decoded values of one segment.</summary>
    internal sealed class Segment
    {
        private volatile AtomicReader _reader;
        private readonly Lazy<FacetOrdinals?>[] _facets;
        private readonly Lazy<float[]?> _signalBoosts;
        private readonly Lazy<JoinFacts?[]> _joinFacts;

        public Segment(AtomicReader reader)
        {
            _reader = reader;
            _facets = SearchFacetFields.All
                .Select(facet => new Lazy<FacetOrdinals?>(() => FacetOrdinals.Load(_reader, facet), LazyThreadSafetyMode.ExecutionAndPublication))
                .ToArray();
            _signalBoosts = new Lazy<float[]?>(LoadSignalBoosts, LazyThreadSafetyMode.ExecutionAndPublication);
            _joinFacts = new Lazy<JoinFacts?[]>(() => new JoinFacts?[_reader.MaxDoc], LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>Decodes through <paramref name="reader"/> from now on: the newest open reader of this segment's core (see <see cref="SegmentValues.For"/>).</summary>
        public void UseReader(AtomicReader reader) => _reader = reader;

        /// <summary>The facet's values per document, or null when no document of the segment has one.</summary>
        public FacetOrdinals? Facet(SearchFacet facet) => _facets[(int)facet].Value;

        /// <summary>Each document's <see cref="SignalWeights"/> multiplier, or null when the segment has none.</summary>
        public float[]? SignalBoosts => _signalBoosts.Value;

        /// <summary>
        /// The document's join facts, decoded on first use and kept: the rerank reads them for a few hundred documents
        /// per query, and the same tables come back query after query. Two threads decoding the same document at once
        /// store equal values, so no lock is needed.
        /// </summary>
        public JoinFacts JoinFactsOf(int doc)
        {
            var cache = _joinFacts.Value;
            if (Volatile.Read(ref cache[doc]) is { } known)
            {
                return known;
            }

            var facts = JoinFacts.None;
            if (_reader.GetSortedDocValues(IndexFields.JoinFacts) is { } values)
            {
                var bytes = new BytesRef();
                values.Get(doc, bytes);
                facts = JoinFacts.Parse(bytes.Length == 0 ? "" : bytes.Utf8ToString());
            }

            Volatile.Write(ref cache[doc], facts);
            return facts;
        }

        private float[]? LoadSignalBoosts()
        {
            if (_reader.GetSortedDocValues(IndexFields.SignalBoost) is not { } values)
            {
                return null;
            }

            // Few distinct multipliers: decode each once, then look them up by ordinal.
            var bytes = new BytesRef();
            var multipliers = new float[values.ValueCount];
            for (var ord = 0; ord < multipliers.Length; ord++)
            {
                values.LookupOrd(ord, bytes);
                multipliers[ord] = BitConverter.ToSingle(bytes.Bytes, bytes.Offset);
            }

            var boosts = new float[_reader.MaxDoc];
            for (var doc = 0; doc < boosts.Length; doc++)
            {
                var ord = values.GetOrd(doc);
                boosts[doc] = ord >= 0 ? multipliers[ord] : 1f;
            }

            return boosts;
        }
    }
}

/// <summary>
/// One facet's values of one segment: document <c>d</c> has the value ordinals
/// <c>Ordinals[Starts[d] .. Starts[d + 1]]</c>, and <c>Values[ordinal]</c> is the value. A facet with at most one value
/// per document also has <see cref="Single"/>: document <c>d</c>'s ordinal, or -1 when it has none.
/// </summary>
internal sealed record FacetOrdinals(SearchFacet Facet, string[] Values, int[] Starts, int[] Ordinals, int[]? Single = null)
{
    public static FacetOrdinals? Load(AtomicReader reader, SearchFacet facet)
    {
        var field = SearchFacetFields.FieldOf(facet);
        var maxDoc = reader.MaxDoc;
        var starts = new int[maxDoc + 1];
        var ordinals = new List<int>(maxDoc);
        var bytes = new BytesRef();
        if (SearchFacetFields.IsSingleValued(facet))
        {
            if (reader.GetSortedDocValues(field) is not { } single)
            {
                return null;
            }

            for (var doc = 0; doc < maxDoc; doc++)
            {
                starts[doc] = ordinals.Count;
                var ord = single.GetOrd(doc);
                if (ord >= 0)
                {
                    ordinals.Add(ord);
                }
            }

            starts[maxDoc] = ordinals.Count;
            var perDoc = new int[maxDoc];
            for (var doc = 0; doc < maxDoc; doc++)
            {
                perDoc[doc] = starts[doc + 1] > starts[doc] ? ordinals[starts[doc]] : -1;
            }

            return new FacetOrdinals(facet, Values(single.ValueCount, ord => single.LookupOrd(ord, bytes)), starts, [.. ordinals], perDoc);
        }

        if (reader.GetSortedSetDocValues(field) is not { } multi)
        {
            return null;
        }

        for (var doc = 0; doc < maxDoc; doc++)
        {
            starts[doc] = ordinals.Count;
            multi.SetDocument(doc);
            long ord;
            while ((ord = multi.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                ordinals.Add((int)ord);
            }
        }

        starts[maxDoc] = ordinals.Count;
        return new FacetOrdinals(facet, Values(checked((int)multi.ValueCount), ord => multi.LookupOrd(ord, bytes)), starts, [.. ordinals]);

        string[] Values(int count, Action<int> lookup)
        {
            var values = new string[count];
            for (var ord = 0; ord < count; ord++)
            {
                lookup(ord);
                values[ord] = bytes.Utf8ToString();
            }

            return values;
        }
    }
}
