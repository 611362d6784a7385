using Lucene.Net.Index;
using Lucene.Net.Search;
using TownLake.Search.Indexing;

namespace TownLake.Search.Retrieval;

/// <summary>
/// Counts facet values over every matching document while the top hits are collected
/// (Lucene.Net.Facet is not available here; per-segment ordinals decoded from sorted doc values give the same counts).
/// </summary>
internal sealed class FacetCollector(SegmentValues segmentValues) : ICollector
{
    private readonly Dictionary<SearchFacet, Dictionary<string, int>> _totals = SearchFacetFields.All.ToDictionary(facet => facet, _ => new Dictionary<string, int>(StringComparer.Ordinal));
    private readonly List<(FacetOrdinals Ordinals, int[] Counts)> _segment = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        var segment = segmentValues.For(context.AtomicReader);
        foreach (var facet in SearchFacetFields.All)
        {
            if (segment.Facet(facet) is { } ordinals)
            {
                _segment.Add((ordinals, new int[ordinals.Values.Length]));
            }
        }
    }

    public void Collect(int doc)
    {
        foreach (var (ordinals, counts) in _segment)
        {
            if (ordinals.Single is { } single)
            {
                // One value per document: one array read instead of two offsets and an ordinal.
                var ord = single[doc];
                if (ord >= 0)
                {
                    counts[ord]++;
                }

                continue;
            }

            var end = ordinals.Starts[doc + 1];
            for (var i = ordinals.Starts[doc]; i < end; i++)
            {
                counts[ordinals.Ordinals[i]]++;
            }
        }
    }

    /// <summary>
    /// Turns the counts so far (of a sample of the matches) into estimates for all of them: each multiplied by
    /// <paramref name="factor"/> (matches per sampled match) and rounded. Documents collected afterwards count one each.
    /// </summary>
    public void Scale(double factor)
    {
        FlushSegment();
        foreach (var totals in _totals.Values)
        {
            foreach (var value in totals.Keys.ToList())
            {
                totals[value] = (int)Math.Min(int.MaxValue, Math.Round(totals[value] * factor));
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
        foreach (var (ordinals, counts) in _segment)
        {
            var totals = _totals[ordinals.Facet];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    var value = ordinals.Values[ord];
                    totals[value] = totals.GetValueOrDefault(value) + counts[ord];
                }
            }
        }

        _segment.Clear();
    }
}
