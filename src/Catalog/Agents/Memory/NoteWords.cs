namespace TownLake.Catalog.Agents.Memory;

/// <summary>
/// How notes are matched to a question: shared words (a word matches another that starts with it, so "billing" finds
/// "billings"), with names in <c>about</c> counted as words too; a note about one of the datasets at hand weighs most.
/// </summary>
internal static class NoteWords
{
    public const int SubjectWeight = 10;

    private static readonly HashSet<string> Stop = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "what", "which", "with", "from", "that", "this", "our", "how", "many", "much", "per", "of", "in", "by", "is", "a", "an", "to", "on", "by", "all", "does", "did",
    };

    public static HashSet<string> Of(string text) =>
        text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 2 && !Stop.Contains(w)).ToHashSet(StringComparer.Ordinal);

    public static int Score(HashSet<string> question, AgentNote note, IReadOnlyList<string> subjects)
    {
        var score = 0;
        foreach (var subject in note.About)
        {
            if (subjects.Any(s => subject.Equals(s, StringComparison.OrdinalIgnoreCase) || subject.StartsWith(s + ".", StringComparison.OrdinalIgnoreCase)))
            {
                score += SubjectWeight;
            }
        }

        var words = Of(note.Fact + " " + string.Join(' ', note.About));
        foreach (var word in question)
        {
            if (words.Any(w => w == word || (word.Length >= 4 && w.StartsWith(word, StringComparison.Ordinal)) || (w.Length >= 4 && word.StartsWith(w, StringComparison.Ordinal))))
            {
                score++;
            }
        }

        return score;
    }

    private static readonly char[] Separators = [' ', '.', ',', ';', ':', '_', '-', '(', ')', '`', '"', '\'', '\n', '\t', '/', '=', '?', '!'];
}
