using Lucene.Net.Index;
using Lucene.Net.Search;

namespace TownLake.Search.Retrieval;

/// <summary>
/// Passes documents in document order to <paramref name="inner"/> (a top-hits collector) and ends the search once
/// <paramref name="wanted"/> of them score at least <see cref="Threshold"/> — the ceiling of what is left to score
/// (<see cref="ScoreCeiling"/>), less float rounding: the <paramref name="wanted"/>-th best then scores at that ceiling,
/// so no later document can rank above it, and a later equal one ranks below it as equal scores keep document order.
/// </summary>
internal sealed class TopHitsCeilingCollector(ICollector inner, int wanted) : ICollector
{
    private Scorer? _scorer;

    /// <summary>Score at which a document counts towards stopping; lower it only (the ceiling of what is left never rises).</summary>
    public double Threshold { get; set; } = double.PositiveInfinity;

    /// <summary>Documents seen that score at least the threshold in force when they were seen.</summary>
    public int AtCeiling { get; private set; }

    public bool Done => AtCeiling >= wanted;

    public bool AcceptsDocsOutOfOrder => false;

    public void SetNextReader(AtomicReaderContext context) => inner.SetNextReader(context);

    public void SetScorer(Scorer scorer)
    {
        _scorer = new ScoreCachingWrappingScorer(scorer);
        inner.SetScorer(_scorer);
    }

    public void Collect(int doc)
    {
        inner.Collect(doc);
        if (_scorer!.GetScore() >= Threshold && ++AtCeiling >= wanted)
        {
            throw new CollectionTerminatedException();
        }
    }
}
