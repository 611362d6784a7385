using TownLake.Search.Documents;

namespace TownLake.Search.Ranking;

/// <summary>
/// Turns quality and usage signals into one score multiplier. Curated and popular datasets move up;
/// deprecated, scratch and internal ones move down but stay findable by name.
/// </summary>
public static class SignalWeights
{
    public const float Curated = 1.5f;
    public const float Deprecated = 0.35f;
    public const float Scratch = 0.5f;
    public const float Internal = 0.7f;

    /// <summary>Popularity adds at most this much (a log curve, so one hot table cannot drown relevance).</summary>
    public const float MaxPopularityGain = 0.5f;

    public static float MultiplierOf(SearchSignals signals)
    {
        var multiplier = 1f;
        if (signals.Curated) multiplier *= Curated;
        if (signals.Deprecated) multiplier *= Deprecated;
        if (signals.Scratch) multiplier *= Scratch;
        if (signals.Internal) multiplier *= Internal;
        if (signals.QueryCount > 0)
        {
            multiplier *= 1f + Math.Min(MaxPopularityGain, 0.1f * MathF.Log10(1 + signals.QueryCount));
        }

        return multiplier;
    }
}
