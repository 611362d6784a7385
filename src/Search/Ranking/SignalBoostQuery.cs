using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using TownLake.Search.Indexing;

namespace TownLake.Search.Ranking;

/// <summary>
/// Multiplies every match's relevance by the document's signal weight (curated, popular, deprecated,
/// scratch, internal), read from doc values so it applies to all matches, not only the top few.
/// </summary>
internal sealed class SignalBoostQuery(Query relevance) : CustomScoreQuery(relevance)
{
    protected override CustomScoreProvider GetCustomScoreProvider(AtomicReaderContext context) =>
        new Provider(context);

    private sealed class Provider(AtomicReaderContext context) : CustomScoreProvider(context)
    {
        private readonly NumericDocValues? _boosts = context.AtomicReader.GetNumericDocValues(IndexFields.SignalBoost);

        public override float CustomScore(int doc, float subQueryScore, float valSrcScore) =>
            _boosts is null ? subQueryScore : subQueryScore * BitConverter.Int32BitsToSingle((int)_boosts.Get(doc));
    }
}
