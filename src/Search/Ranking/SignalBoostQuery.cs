using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using TownLake.Search.Indexing;

namespace TownLake.Search.Ranking;

/// <summary>
/// Multiplies every match's relevance by the document's signal weight (curated, popular, deprecated,
/// scratch, internal), read from doc values so it applies to all matches, not only the top few.
/// (Rewriting clones the query member-wise, so clones share <paramref name="segmentValues"/>.)
/// </summary>
internal sealed class SignalBoostQuery(Query relevance, SegmentValues segmentValues) : CustomScoreQuery(relevance)
{
    protected override CustomScoreProvider GetCustomScoreProvider(AtomicReaderContext context) =>
        new Provider(context, segmentValues.For(context.AtomicReader).SignalBoosts);

    private sealed class Provider(AtomicReaderContext context, float[]? boosts) : CustomScoreProvider(context)
    {
        public override float CustomScore(int doc, float subQueryScore, float valSrcScore) =>
            boosts is null ? subQueryScore : subQueryScore * boosts[doc];
    }
}
