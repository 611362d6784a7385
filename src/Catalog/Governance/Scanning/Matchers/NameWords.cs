namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>How person names are written: capitalised words of letters, with hyphens, apostrophes and initials.</summary>
public static class NameWords
{
    /// <summary>
    /// True for <c>Anna</c>, <c>O'Brien</c>, <c>McDonald</c>, <c>Jean-Pierre</c>, <c>SMITH</c>, <c>J.</c>: a capital
    /// first letter, then letters (and hyphens or apostrophes), at most 30 characters; a lone initial may carry a dot.
    /// </summary>
    public static bool IsNameWord(ReadOnlySpan<char> word)
    {
        if (word.Length is 0 or > 30 || !char.IsUpper(word[0]))
        {
            return false;
        }

        if (word.Length == 2 && word[1] == '.')
        {
            return true;
        }

        var letters = 0;
        foreach (var c in word)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
            else if (c is not ('-' or '\'' or '’'))
            {
                return false;
            }
        }

        return letters >= 2;
    }

    /// <summary>Splits <paramref name="value"/> into at most <paramref name="words"/>.Length words (spaces and one comma); −1 when there are more.</summary>
    public static int Split(ReadOnlySpan<char> value, Span<Range> words, out bool commaForm)
    {
        commaForm = false;
        var comma = value.IndexOf(',');
        if (comma >= 0)
        {
            if (value[(comma + 1)..].Contains(','))
            {
                return -1;
            }

            commaForm = true;
        }

        var n = 0;
        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var boundary = i == value.Length || value[i] is ' ' or ',';
            if (!boundary && start < 0)
            {
                start = i;
            }
            else if (boundary && start >= 0)
            {
                if (n == words.Length)
                {
                    return -1;
                }

                words[n++] = start..i;
                start = -1;
            }
        }

        return n;
    }
}
