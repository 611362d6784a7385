using TownLake.Search.Indexing;

namespace TownLake.Search.Ranking;

/// <summary>What the join-aware rerank knows of one indexed document: its URN, schema group, key columns and declared join targets.</summary>
internal sealed record JoinFacts(string Urn, string Group, bool IsDataset, string TableKey, string[] Keys, string[] JoinTargets)
{
    public static JoinFacts None { get; } = new("", "", false, "", [], []);

    /// <summary>The inverse of the value <see cref="DocumentMapper"/> writes: urn, group, "tablekey|key1 key2 ..." (datasets only), declared join targets (one per line).</summary>
    public static JoinFacts Parse(string value)
    {
        if (value.Length == 0)
        {
            return None;
        }

        var facts = value.Split(IndexFields.JoinFactsSeparator);
        var joinKeys = facts.Length > 2 ? facts[2] : "";
        var targets = facts.Length > 3 ? facts[3] : "";
        var separator = joinKeys.IndexOf('|', StringComparison.Ordinal);
        return new JoinFacts(
            facts[0],
            facts.Length > 1 ? facts[1] : "",
            IsDataset: separator >= 0,
            TableKey: separator >= 0 ? joinKeys[..separator] : "",
            Keys: separator >= 0 ? joinKeys[(separator + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [],
            JoinTargets: targets.Length == 0 ? [] : targets.Split('\n'));
    }
}
