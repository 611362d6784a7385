namespace TownLake.Engine.Sql;

/// <summary>
/// The one way TownLake walks SQL tokens (from <see cref="SqlTokenizer"/>, which already keeps strings, quoted
/// identifiers, comments and dollar quotes whole): a view of the significant tokens — trivia skipped — with bracket
/// matching, the next top-level token, top-level splitting, dotted names and slicing back to the raw tokens. The
/// statement head reader, the dialect rewriter, the table reference scanner and the Trino translator all use it.
/// </summary>
internal sealed class SqlTokenCursor
{
    private readonly IReadOnlyList<SqlToken> _tokens;
    private readonly List<int> _sig;
    private readonly List<SqlToken> _significant;

    public SqlTokenCursor(IReadOnlyList<SqlToken> tokens)
    {
        _tokens = tokens;
        _sig = [.. Enumerable.Range(0, tokens.Count).Where(i => !tokens[i].IsTrivia)];
        _significant = [.. _sig.Select(i => tokens[i])];
    }

    /// <summary>Number of significant tokens.</summary>
    public int Count => _sig.Count;

    /// <summary>The significant tokens, in order.</summary>
    public IReadOnlyList<SqlToken> Significant => _significant;

    /// <summary>The <paramref name="s"/>-th significant token.</summary>
    public SqlToken this[int s] => _significant[s];

    public bool Word(int s, string word) => s >= 0 && s < Count && this[s].IsWord(word);

    public bool Symbol(int s, string symbol) => s >= 0 && s < Count && this[s].IsSymbol(symbol);

    /// <summary>Index of the bracket closing the one at <paramref name="open"/> (last token when unbalanced).</summary>
    public int Close(int open, string openSymbol = "(", string closeSymbol = ")") => Close(_significant, open, openSymbol, closeSymbol);

    /// <summary>First index from <paramref name="start"/> at parenthesis depth 0 (counted from <paramref name="start"/>) where <paramref name="match"/> holds; null when none.</summary>
    public int? FindTopLevel(int start, Func<int, bool> match)
    {
        var depth = 0;
        for (var s = start; s < Count; s++)
        {
            if (depth == 0 && match(s))
            {
                return s;
            }

            if (this[s].IsSymbol("("))
            {
                depth++;
            }
            else if (this[s].IsSymbol(")"))
            {
                depth--;
            }
        }

        return null;
    }

    /// <summary>The comma-separated items of <c>[start, end)</c> at bracket depth 0, as index ranges.</summary>
    public List<(int Start, int End)> SplitTopLevel(int start, int end)
    {
        var items = new List<(int, int)>();
        var depth = 0;
        var itemStart = start;
        for (var s = start; s < end; s++)
        {
            if (IsOpen(this[s]))
            {
                depth++;
            }
            else if (IsClose(this[s]))
            {
                depth--;
            }
            else if (depth == 0 && this[s].IsSymbol(","))
            {
                if (s > itemStart)
                {
                    items.Add((itemStart, s));
                }

                itemStart = s + 1;
            }
        }

        if (end > itemStart)
        {
            items.Add((itemStart, end));
        }

        return items;
    }

    /// <summary>A dotted name at <paramref name="s"/> (<c>a."B".c</c>): its unquoted parts and the index after it; null parts when none starts there.</summary>
    public (IReadOnlyList<string>? Parts, int Next) ReadName(int s, Func<SqlToken, bool>? excluded = null)
    {
        if (s >= Count || !this[s].IsIdentifier || excluded?.Invoke(this[s]) == true)
        {
            return (null, s);
        }

        var parts = new List<string> { this[s].IdentifierValue };
        s++;
        while (Symbol(s, ".") && s + 1 < Count && this[s + 1].IsIdentifier)
        {
            parts.Add(this[s + 1].IdentifierValue);
            s += 2;
        }

        return (parts, s);
    }

    /// <summary>Raw tokens from significant index <paramref name="start"/> up to (not including) <paramref name="end"/>, trivia kept.</summary>
    public List<SqlToken> Slice(int start, int end)
    {
        if (start >= end || start >= Count)
        {
            return [];
        }

        var from = _sig[start];
        var to = end >= Count ? _sig[^1] : _sig[end - 1];
        var slice = new List<SqlToken>(to - from + 1);
        for (var i = from; i <= to; i++)
        {
            slice.Add(_tokens[i]);
        }

        return slice;
    }

    /// <summary>Index of the next significant token after raw index <paramref name="index"/> in a raw token list (its length when none).</summary>
    public static int NextSignificant(IReadOnlyList<SqlToken> tokens, int index)
    {
        var next = index + 1;
        while (next < tokens.Count && tokens[next].IsTrivia)
        {
            next++;
        }

        return next;
    }

    /// <summary>Index of the bracket closing the one at <paramref name="open"/> in any token list (raw or significant); the last index when unbalanced.</summary>
    public static int Close(IReadOnlyList<SqlToken> tokens, int open, string openSymbol = "(", string closeSymbol = ")") =>
        MatchingClose(tokens, open, openSymbol, closeSymbol) ?? tokens.Count - 1;

    /// <summary>Index of the bracket closing the one at <paramref name="open"/>; null when the text ends first.</summary>
    public static int? MatchingClose(IReadOnlyList<SqlToken> tokens, int open, string openSymbol = "(", string closeSymbol = ")")
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].IsSymbol(openSymbol))
            {
                depth++;
            }
            else if (tokens[i].IsSymbol(closeSymbol) && --depth == 0)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>
    /// The next top-level token from <paramref name="start"/> in any token list: the first at parenthesis depth 0 where
    /// <paramref name="match"/> holds, or the parenthesis that closes the enclosing one; the list's length when neither comes.
    /// </summary>
    public static int NextTopLevel(IReadOnlyList<SqlToken> tokens, int start, Func<SqlToken, bool> match)
    {
        var depth = 0;
        for (var i = start; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsSymbol("("))
            {
                depth++;
            }
            else if (token.IsSymbol(")"))
            {
                if (depth == 0)
                {
                    return i;
                }

                depth--;
            }
            else if (depth == 0 && match(token))
            {
                return i;
            }
        }

        return tokens.Count;
    }

    private static bool IsOpen(SqlToken token) => token.IsSymbol("(") || token.IsSymbol("[");

    private static bool IsClose(SqlToken token) => token.IsSymbol(")") || token.IsSymbol("]");
}
