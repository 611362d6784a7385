namespace TownLake.Search.Ranking;

/// <summary>
/// Weights of the join-aware rerank. All scores are first divided by the best hit's score, so the
/// weights are shares of "as good as the best match".
/// </summary>
/// <param name="GroupCoherence">How much the strength of a result's schema (its best few hits) adds: questions are usually about one schema.</param>
/// <param name="Bridge">How much a table gains from joining two matched tables (the second-best neighbour's score).</param>
/// <param name="Neighbour">How much a table gains from joining one strong match.</param>
/// <param name="GroupsExpanded">How many of the strongest schemas are searched for join partners that did not match the text.</param>
public sealed record RerankWeights(
    float GroupCoherence = 0.35f,
    float Bridge = 0.5f,
    float Neighbour = 0.15f,
    int GroupsExpanded = 3)
{
    public static RerankWeights Default { get; } = new();
}
