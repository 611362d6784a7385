using System.Collections.Concurrent;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using TownLake.Search.Indexing;

namespace TownLake.Search.Retrieval;

/// <summary>
/// The facet and entity-type filters of searches, each built once and its matches kept per segment as a bit set.
/// Nearly every search carries the same type scope, whose terms match almost every document: evaluating it afresh
/// walked a million postings per query at a million datasets. A cached bit set is read by position, so Lucene applies it
/// while scoring (as it does deletions) instead of leap-frogging a second iterator, and the bits of a segment are
/// computed once for its life (segments are immutable; a refresh only computes the new ones).
/// </summary>
internal sealed class FilterCache
{
    /// <summary>Distinct filter combinations kept; beyond it a combination is built per search as before (no unbounded growth from crafted filters).</summary>
    public const int MaxFilters = 256;

    private readonly ConcurrentDictionary<string, Filter> _filters = new(StringComparer.Ordinal);

    /// <summary>Filter combinations currently cached.</summary>
    public int Count => _filters.Count;

    /// <summary>Values within one facet are alternatives (OR); different facets must all hold (AND). Null when nothing is filtered.</summary>
    public Filter? For(IReadOnlyDictionary<SearchFacet, IReadOnlyList<string>>? filters)
    {
        if (filters is null || filters.All(pair => pair.Value is null || pair.Value.Count == 0))
        {
            return null;
        }

        var key = KeyOf(filters);
        if (_filters.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var filter = new BitSetCachingFilter(new QueryWrapperFilter(QueryOf(filters)));
        return _filters.Count < MaxFilters ? _filters.GetOrAdd(key, filter) : filter;
    }

    private static BooleanQuery QueryOf(IReadOnlyDictionary<SearchFacet, IReadOnlyList<string>> filters)
    {
        var all = new BooleanQuery();
        foreach (var (facet, values) in filters)
        {
            if (values is null || values.Count == 0)
            {
                continue;
            }

            var any = new BooleanQuery();
            foreach (var value in values)
            {
                any.Add(new TermQuery(KeywordTerms.Term(SearchFacetFields.FieldOf(facet), value)), Occur.SHOULD);
            }

            all.Add(any, Occur.MUST);
        }

        return all;
    }

    /// <summary>Facets in enum order, values sorted and length-prefixed, so equal filters share a key whatever the order they came in.</summary>
    private static string KeyOf(IReadOnlyDictionary<SearchFacet, IReadOnlyList<string>> filters)
    {
        var key = new StringBuilder();
        foreach (var (facet, values) in filters.Where(pair => pair.Value is { Count: > 0 }).OrderBy(pair => pair.Key))
        {
            key.Append((int)facet).Append('|');
            foreach (var value in values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                key.Append(value.Length).Append(':').Append(value);
            }

            key.Append('|');
        }

        return key.ToString();
    }

    /// <summary>Caches a segment's matches as a <see cref="FixedBitSet"/> (random access), not Lucene's default compressed set (iteration only).</summary>
    private sealed class BitSetCachingFilter(Filter filter) : CachingWrapperFilter(filter)
    {
        protected override DocIdSet CacheImpl(DocIdSetIterator iterator, AtomicReader reader) => ToBits(iterator, reader.MaxDoc);
    }

    /// <summary>A segment's matches as a random-access bit set (what scoring needs as accepted documents).</summary>
    public static FixedBitSet ToBits(DocIdSetIterator iterator, int maxDoc)
    {
        var bits = new FixedBitSet(maxDoc);
        bits.Or(iterator);
        return bits;
    }
}
