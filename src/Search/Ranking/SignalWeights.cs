using TownLake.Search.Documents;

namespace TownLake.Search.Ranking;

/// <summary>
/// Turns quality and usage signals into one score multiplier. Curated and popular datasets move up;
/// deprecated, scratch and internal ones move down but stay findable by name.
/// The multiplier is written into the index with each document, so changing a weight needs a rebuild.
/// </summary>
/// <param name="Curated">Multiplier of a curated dataset.</param>
/// <param name="Deprecated">Multiplier of a deprecated dataset.</param>
/// <param name="Scratch">Multiplier of a scratch (personal or temporary) dataset.</param>
/// <param name="Internal">Multiplier of an internal dataset.</param>
/// <param name="MaxPopularityGain">Popularity adds at most this much (a log curve, so one hot table cannot drown relevance).</param>
public sealed record SignalWeights(
    float Curated = 1.5f,
    float Deprecated = 0.35f,
    float Scratch = 0.5f,
    float Internal = 0.7f,
    float MaxPopularityGain = 0.5f)
{
    public static SignalWeights Default { get; } = new();

    public float MultiplierOf(SearchSignals signals)
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
