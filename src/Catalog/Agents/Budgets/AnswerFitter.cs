using System.Globalization;
using System.Text.Json.Nodes;

namespace TownLake.Catalog.Agents.Budgets;

/// <summary>
/// Sizes tool answers to a token budget: counts an answer as it will be written (<see cref="AgentJson"/>), finds the
/// most items that fit, shortens text, and — for answers of no fixed shape (a Code Mode script's result) — cuts any
/// JSON down until it fits, saying so. Tools build their answer in relevance order, so cutting from the end keeps the best.
/// </summary>
public sealed class AnswerFitter(TokenCounter tokens)
{
    /// <summary>Levels tried by <see cref="FitAny"/>: longest arrays and strings kept.</summary>
    private static readonly (int Items, int Chars)[] Ladder =
        [(int.MaxValue, int.MaxValue), (200, 2_000), (100, 600), (50, 300), (20, 160), (10, 100), (5, 60), (3, 40), (1, 24)];

    public int Count(object? answer) => tokens.Count(AgentJson.Write(answer));

    public int CountText(string text) => tokens.Count(text);

    public bool Fits(object? answer, AgentBudget budget) => Count(answer) <= budget.Usable;

    /// <summary>The largest n in 0..<paramref name="total"/> whose rendering fits (renderings grow with n); 0 when none does.</summary>
    public int Largest(int total, Func<int, object> render, AgentBudget budget)
    {
        if (total <= 0 || Fits(render(total), budget))
        {
            return Math.Max(total, 0);
        }

        int low = 0, high = total - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Fits(render(mid), budget))
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    /// <summary>The text cut to at most <paramref name="maxChars"/> characters, ending in … when cut.</summary>
    public static string? Clip(string? text, int maxChars)
    {
        if (text is null || text.Length <= maxChars)
        {
            return text;
        }

        return maxChars <= 1 ? "…" : text[..(maxChars - 1)].TrimEnd() + "…";
    }

    /// <summary>The first line (or sentence) of a description, clipped: what a result card shows.</summary>
    public static string? OneLine(string? text, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = text.Trim();
        var end = line.IndexOfAny(['\n', '\r']);
        if (end > 0)
        {
            line = line[..end];
        }

        return Clip(line.Trim(), maxChars);
    }

    /// <summary>
    /// Any JSON cut until it fits: arrays shortened (a last element says how many more there were) and strings
    /// clipped, at the gentlest level that fits. <paramref name="truncated"/> says whether anything was cut.
    /// </summary>
    public JsonNode? FitAny(JsonNode? node, AgentBudget budget, out bool truncated)
    {
        foreach (var (items, chars) in Ladder)
        {
            var candidate = items == int.MaxValue ? node?.DeepClone() : Shrink(node, items, chars);
            if (tokens.Count(candidate?.ToJsonString(AgentJson.Options) ?? "null") <= budget.Usable - 12)
            {
                truncated = items != int.MaxValue;
                return candidate;
            }
        }

        truncated = true;
        return JsonValue.Create("The answer does not fit the budget even cut down; return less, or raise 'budget'.");
    }

    private static JsonNode? Shrink(JsonNode? node, int maxItems, int maxChars) => node switch
    {
        JsonObject o => new JsonObject(o.Take(Math.Max(maxItems * 4, 8)).Select(p => KeyValuePair.Create(p.Key, Shrink(p.Value, maxItems, maxChars)))),
        JsonArray a => ShrinkArray(a, maxItems, maxChars),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(Clip(s, maxChars)),
        _ => node?.DeepClone(),
    };

    private static JsonArray ShrinkArray(JsonArray array, int maxItems, int maxChars)
    {
        var kept = new JsonArray(array.Take(maxItems).Select(e => Shrink(e, maxItems, maxChars)).ToArray());
        if (array.Count > maxItems)
        {
            kept.Add(JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"… {array.Count - maxItems} more left out")));
        }

        return kept;
    }
}
