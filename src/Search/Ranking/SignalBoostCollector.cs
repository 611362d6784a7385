using Lucene.Net.Index;
using Lucene.Net.Search;
using TownLake.Search.Indexing;

namespace TownLake.Search.Ranking;

/// <summary>
/// Multiplies every match's relevance by the document's signal weight as the top hits are collected: the same scores
/// as <see cref="SignalBoostQuery"/>, but the query underneath stays a plain boolean query, which Lucene may score a
/// block of documents at a time out of order — several times cheaper than the in-order scorer a wrapping query forces
/// when a word matches most of the index.
/// </summary>
internal sealed class SignalBoostCollector(ICollector inner, SegmentValues segmentValues) : ICollector
{
    private float[]? _boosts;
    private BoostedScorer? _scorer;

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetNextReader(AtomicReaderContext context)
    {
        _boosts = segmentValues.For(context.AtomicReader).SignalBoosts;
        inner.SetNextReader(context);
    }

    public void SetScorer(Scorer scorer)
    {
        _scorer = new BoostedScorer(scorer, this);
        inner.SetScorer(_scorer);
    }

    public void Collect(int doc)
    {
        _scorer!.Current = doc;
        inner.Collect(doc);
    }

    // Not scorer.Weight: the block scorer's stand-in scorer does not support it, and nothing downstream reads it.
    private sealed class BoostedScorer(Scorer scorer, SignalBoostCollector owner) : Scorer(null!)
    {
        public int Current { get; set; }

        public override int DocID => scorer.DocID;

        public override int Freq => scorer.Freq;

        public override float GetScore() => owner._boosts is { } boosts ? scorer.GetScore() * boosts[Current] : scorer.GetScore();

        public override int NextDoc() => scorer.NextDoc();

        public override int Advance(int target) => scorer.Advance(target);

        public override long GetCost() => scorer.GetCost();
    }
}
