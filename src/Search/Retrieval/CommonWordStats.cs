using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;
using TownLake.Search.Indexing;

namespace TownLake.Search.Retrieval;

/// <summary>
/// Per-segment facts a question of only common words reads instead of walking postings that hold most of the index:
/// each common word's matches as a bit set (the conjunction of the question is then an AND of a few bit sets), and for
/// each word of a field the highest term frequency per encoded length (norm) — what bounds the BM25 score the word can
/// give any document of the segment (<see cref="ScoreCeiling"/>). Segments are immutable, so entries stay valid for
/// the segment's life and go with it; each segment keeps at most <see cref="MaxEntries"/> words, twice that many field
/// terms' matches (to tell which fields can score within a question's matches) and eight times that many frequency
/// tables of 1 KB (beyond that a fact is computed per search, as crafted questions must not grow memory without bound).
/// </summary>
internal sealed class CommonWordStats
{
    /// <summary>Most words kept per segment (a bit set is 1 bit per document: 125 KB at a million).</summary>
    public const int MaxEntries = 128;

    /// <summary>Slot of <see cref="Segment.MaxFreqByNorm"/> for a field indexed without norms.</summary>
    public const int NoNorms = 256;

    private readonly ConditionalWeakTable<object, Segment> _segments = new();

    public Segment For(AtomicReader reader) => _segments.GetValue(reader.CoreCacheKey, _ => new Segment());

    /// <summary>The cached facts of one segment (read through whichever open reader of the segment asks).</summary>
    internal sealed class Segment
    {
        private readonly ConcurrentDictionary<string, FixedBitSet> _words = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(string Field, string Term), int[]?> _freqs = new();
        private readonly ConcurrentDictionary<(string Field, string Term), FixedBitSet?> _terms = new();

        /// <summary>How many words' matches are cached.</summary>
        public int WordCount => _words.Count;

        /// <summary>Documents (deleted ones included) having any of <paramref name="terms"/> in any of <paramref name="fields"/>.</summary>
        public FixedBitSet WordMatches(AtomicReader reader, IReadOnlyList<string> terms, IReadOnlyList<string> fields)
        {
            var key = string.Join('\u001F', terms);
            if (_words.TryGetValue(key, out var known))
            {
                return known;
            }

            var bits = new FixedBitSet(reader.MaxDoc);
            foreach (var field in fields)
            {
                foreach (var term in terms)
                {
                    if (TermMatches(reader, field, term) is { } matches)
                    {
                        bits.Or(matches);
                    }
                }
            }

            if (_words.Count < MaxEntries)
            {
                _words.TryAdd(key, bits);
            }

            return bits;
        }

        /// <summary>Documents (deleted ones included) having <paramref name="term"/> in <paramref name="field"/>; null when none has.</summary>
        public FixedBitSet? TermMatches(AtomicReader reader, string field, string term)
        {
            if (_terms.TryGetValue((field, term), out var known))
            {
                return known;
            }

            FixedBitSet? bits = null;
            var termsEnum = reader.GetTerms(field)?.GetEnumerator();
            if (termsEnum is not null && termsEnum.SeekExact(new BytesRef(term)))
            {
                bits = new FixedBitSet(reader.MaxDoc);
                bits.Or(termsEnum.Docs(null, null, DocsFlags.NONE));
            }

            if (bits is not null && _terms.Count < MaxEntries * 2)
            {
                _terms.TryAdd((field, term), bits);
            }

            return bits;
        }

        /// <summary>
        /// For each encoded length (norm byte, or <see cref="NoNorms"/>) the highest frequency of <paramref name="term"/>
        /// in <paramref name="field"/> among the segment's documents of that length (0: none); null when no document has it.
        /// </summary>
        public int[]? MaxFreqByNorm(AtomicReader reader, string field, string term)
        {
            if (_freqs.TryGetValue((field, term), out var known))
            {
                return known;
            }

            int[]? most = null;
            var termsEnum = reader.GetTerms(field)?.GetEnumerator();
            if (termsEnum is not null && termsEnum.SeekExact(new BytesRef(term)))
            {
                most = new int[NoNorms + 1];
                var norms = reader.GetNormValues(field);
                var docs = termsEnum.Docs(null, null, DocsFlags.FREQS);
                int doc;
                while ((doc = docs.NextDoc()) != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS)
                {
                    var slot = norms is null ? NoNorms : (int)(norms.Get(doc) & 0xFF);
                    most[slot] = Math.Max(most[slot], docs.Freq);
                }
            }

            // Only terms the segment has are kept: a missing one is found missing at the cost of one look-up.
            if (most is not null && _freqs.Count < MaxEntries * 8)
            {
                _freqs.TryAdd((field, term), most);
            }

            return most;
        }
    }
}
