namespace TownLake.SearchBench.Retrieval;

/// <summary>Complete recall@k (every gold table in the top k) and MRR of the first gold table.</summary>
internal sealed class RetrievalScore
{
    public static readonly int[] Ks = [1, 2, 5, 10];
    private readonly int[] _complete = new int[Ks.Length];
    private double _reciprocalRanks;

    public int Questions { get; private set; }

    public void Add(IReadOnlyList<string> ranked, IReadOnlyCollection<string> gold)
    {
        Questions++;
        for (var i = 0; i < Ks.Length; i++)
        {
            var top = ranked.Take(Ks[i]).ToHashSet(StringComparer.Ordinal);
            if (gold.All(top.Contains))
            {
                _complete[i]++;
            }
        }

        for (var rank = 0; rank < ranked.Count; rank++)
        {
            if (gold.Contains(ranked[rank]))
            {
                _reciprocalRanks += 1.0 / (rank + 1);
                break;
            }
        }
    }

    public double CompleteRecallAt(int k) => Questions == 0 ? 0 : (double)_complete[Array.IndexOf(Ks, k)] / Questions;

    public double Mrr => Questions == 0 ? 0 : _reciprocalRanks / Questions;

    public string Row(string system, string subset) =>
        $"| {system} | {subset} ({Questions}) | " + string.Join(" | ", Ks.Select(k => CompleteRecallAt(k).ToString("0.000"))) + $" | {Mrr:0.000} |";
}
