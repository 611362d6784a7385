namespace TownLake.Catalog.Governance.Scanning.Detectors;

/// <summary>Splits identifiers and comments into lower-case words: <c>customerEMailAddress</c> → customer, e, mail, address.</summary>
public static class IdentifierWords
{
    /// <summary>At most this many words are read from a comment: hints sit at the start.</summary>
    public const int MaxWords = 64;

    /// <summary>
    /// The words of <paramref name="text"/>: split at anything but letters and digits and at camel-case boundaries
    /// (<c>IPAddress</c> → ip, address); letters and digits stay together (<c>ipv4</c>, <c>last4</c>).
    /// </summary>
    public static IReadOnlyList<string> Of(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var span = text.AsSpan(0, Math.Min(text.Length, 2_048));
        var start = -1;
        for (var i = 0; i <= span.Length && words.Count < MaxWords; i++)
        {
            var c = i < span.Length ? span[i] : ' ';
            var isWordChar = char.IsLetterOrDigit(c);
            if (start >= 0 && (!isWordChar || IsCamelBoundary(span, i)))
            {
                words.Add(span[start..i].ToString().ToLowerInvariant());
                start = -1;
            }

            if (isWordChar && start < 0)
            {
                start = i;
            }
        }

        return words;
    }

    /// <summary>Whether <paramref name="words"/> holds <paramref name="phrase"/> as consecutive words; the index of its first word, or −1.</summary>
    public static int IndexOf(IReadOnlyList<string> words, IReadOnlyList<string> phrase)
    {
        for (var i = 0; i + phrase.Count <= words.Count; i++)
        {
            var match = true;
            for (var j = 0; j < phrase.Count && match; j++)
            {
                match = words[i + j] == phrase[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsCamelBoundary(ReadOnlySpan<char> text, int i)
    {
        if (i == 0 || i >= text.Length || !char.IsUpper(text[i]))
        {
            return false;
        }

        // fooBar: boundary before B. IPAddress: boundary before the A that starts "Address".
        return char.IsLower(text[i - 1]) || (char.IsUpper(text[i - 1]) && i + 1 < text.Length && char.IsLower(text[i + 1]));
    }
}
