using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.Search.Ranking;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Ranking;

/// <summary>
/// Pairs of tables equal in everything but one ranking signal: same table name, same columns, schema names of the same
/// length. The table the signal should favour always has the later URN, so with the signal switched off the tie-break
/// (URN order) puts it second: each pair fails its test when its signal stops working.
/// </summary>
internal static class SignalPairs
{
    public const string Query = "customer orders";

    /// <summary>The pair for one quality signal, the favoured table first.</summary>
    public static (SearchDocument Favoured, SearchDocument Other) For(string signal)
    {
        var other = Orders("team_a");
        var favoured = Orders("team_b");
        return signal switch
        {
            nameof(SignalWeights.Curated) => (favoured with { Signals = new SearchSignals(Curated: true) }, other),
            nameof(SignalWeights.Deprecated) => (favoured, other with { Signals = new SearchSignals(Deprecated: true) }),
            nameof(SignalWeights.Scratch) => (favoured, other with { Signals = new SearchSignals(Scratch: true) }),
            nameof(SignalWeights.Internal) => (favoured, other with { Signals = new SearchSignals(Internal: true) }),
            nameof(SignalWeights.MaxPopularityGain) => (favoured with { Signals = new SearchSignals(QueryCount: 5000) }, other),
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "No pair for this signal."),
        };
    }

    /// <summary>The default weights with one of them made neutral (a multiplier of 1, or no popularity gain).</summary>
    public static SignalWeights Without(string signal) => signal switch
    {
        nameof(SignalWeights.Curated) => SignalWeights.Default with { Curated = 1f },
        nameof(SignalWeights.Deprecated) => SignalWeights.Default with { Deprecated = 1f },
        nameof(SignalWeights.Scratch) => SignalWeights.Default with { Scratch = 1f },
        nameof(SignalWeights.Internal) => SignalWeights.Default with { Internal = 1f },
        nameof(SignalWeights.MaxPopularityGain) => SignalWeights.Default with { MaxPopularityGain = 0f },
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "No such signal."),
    };

    public static async Task<IReadOnlyList<(string Urn, float Score)>> RankAsync(SignalWeights weights, SearchDocument first, SearchDocument second)
    {
        await using var index = await TestIndex.InMemoryAsync(new SearchIndexOptions { Signals = weights }, first, second);
        return index.Search(new SearchRequest { Query = Query }).Hits.Select(hit => (hit.Urn, hit.Score)).ToList();
    }

    private static SearchDocument Orders(string schema) =>
        Datasets.Table("wh", schema, "customer_orders", "order_id", "customer_id", "order_total");
}
