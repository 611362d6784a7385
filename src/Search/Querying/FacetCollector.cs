using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TownLake.Search.Querying;

/// <summary>
/// Counts facet values over every matching document while the top hits are collected
/// (Lucene.Net.Facet is not available here; SortedSet doc values give the same counts).
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<SearchFacet, Dictionary<string, int>> _totals = SearchFacetFields.All.ToDictionary(facet => facet, _ => new Dictionary<string, int>(StringComparer.Ordinal));
    private readonly List<(SearchFacet Facet, SortedSetDocValues Values, int[] Counts)> _segment = [];
    private readonly List<(SearchFacet Facet, SortedDocValues Values, int[] Counts)> _segmentSingle = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        foreach (var facet in SearchFacetFields.All)
        {
            var field = SearchFacetFields.FieldOf(facet);
            if (SearchFacetFields.IsSingleValued(facet))
            {
                if (context.AtomicReader.GetSortedDocValues(field) is { } single)
                {
                    _segmentSingle.Add((facet, single, new int[single.ValueCount]));
                }
            }
            else if (context.AtomicReader.GetSortedSetDocValues(field) is { } values)
            {
                _segment.Add((facet, values, new int[checked((int)values.ValueCount)]));
            }
        }
    }

    public void Collect(int doc)
    {
        foreach (var (_, values, counts) in _segmentSingle)
        {
            var ord = values.GetOrd(doc);
            if (ord >= 0)
            {
                counts[ord]++;
            }
        }

        foreach (var (_, values, counts) in _segment)
        {
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                counts[ord]++;
            }
        }
    }

    public IReadOnlyDictionary<SearchFacet, IReadOnlyList<FacetCount>> Result(int maxValuesPerFacet)
    {
        FlushSegment();
        return _totals.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<FacetCount>)pair.Value
                .OrderByDescending(value => value.Value).ThenBy(value => value.Key, StringComparer.Ordinal)
                .Take(maxValuesPerFacet)
                .Select(value => new FacetCount(value.Key, value.Value))
                .ToList());
    }

    private void FlushSegment()
    {
        var bytes = new BytesRef();
        foreach (var (facet, values, counts) in _segment)
        {
            var totals = _totals[facet];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    values.LookupOrd(ord, bytes);
                    var key = bytes.Utf8ToString();
                    totals[key] = totals.GetValueOrDefault(key) + counts[ord];
                }
            }
        }

        foreach (var (facet, values, counts) in _segmentSingle)
        {
            var totals = _totals[facet];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    values.LookupOrd(ord, bytes);
                    var key = bytes.Utf8ToString();
                    totals[key] = totals.GetValueOrDefault(key) + counts[ord];
                }
            }
        }

        _segment.Clear();
        _segmentSingle.Clear();
    }
}
