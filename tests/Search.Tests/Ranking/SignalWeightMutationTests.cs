using TownLake.Search.Ranking;

namespace TownLake.Search.Tests.Ranking;

/// <summary>
/// The mutation check of the signal weights: each signal's pair, ranked with only that weight neutralised, scores
/// as a tie and falls back to URN order, the opposite of the order the signal gives. A pair that kept its order
/// without its signal would prove nothing about the signal.
/// </summary>
public class SignalWeightMutationTests
{
    public static TheoryData<string> Signals =>
    [
        nameof(SignalWeights.Curated),
        nameof(SignalWeights.Deprecated),
        nameof(SignalWeights.Scratch),
        nameof(SignalWeights.Internal),
        nameof(SignalWeights.MaxPopularityGain),
    ];

    [Theory]
    [MemberData(nameof(Signals))]
    public async Task Each_signal_pair_ranks_by_its_signal_and_ties_without_it(string signal)
    {
        var (favoured, other) = SignalPairs.For(signal);

        var withSignal = await SignalPairs.RankAsync(SignalWeights.Default, other, favoured);
        var withoutSignal = await SignalPairs.RankAsync(SignalPairs.Without(signal), other, favoured);

        Assert.Equal([favoured.Urn, other.Urn], withSignal.Select(hit => hit.Urn));
        Assert.True(withSignal[0].Score > withSignal[1].Score, $"{signal}: {withSignal[0].Score} should beat {withSignal[1].Score}");
        Assert.Equal([other.Urn, favoured.Urn], withoutSignal.Select(hit => hit.Urn));
        Assert.Equal(withoutSignal[0].Score, withoutSignal[1].Score);
    }
}
