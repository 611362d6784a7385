using System.Text;

namespace TownLake.Bench;

/// <summary>
/// The targets a benchmark checks, each with what was measured and whether it meets the target. A program prints a
/// target only through this list, so no claim in a results file goes unchecked.
/// </summary>
public sealed class Verdicts
{
    private readonly List<(string Target, string Measured, bool Met)> _items = [];

    public IReadOnlyList<(string Target, string Measured, bool Met)> Items => _items;

    public bool AllMet => _items.All(i => i.Met);

    /// <summary>Records one target check, e.g. <c>Check("p99 < 50 ms (SQLite, capped)", $"{p99:F1} ms", p99 &lt; 50)</c>.</summary>
    public Verdicts Check(string target, string measured, bool met)
    {
        _items.Add((target, measured, met));
        return this;
    }

    public string Render()
    {
        var text = new StringBuilder().AppendLine("## Targets").AppendLine();
        if (_items.Count == 0)
        {
            return text.AppendLine("This benchmark sets no target; it reports measurements only.").ToString();
        }

        foreach (var (target, measured, met) in _items)
        {
            text.AppendLine($"- {target}: {measured} — **{(met ? "meets" : "misses")}**");
        }

        return text.ToString();
    }
}
