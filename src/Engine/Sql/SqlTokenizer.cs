namespace TownLake.Engine.Sql;

/// <summary>
/// Splits SQL text into tokens, respecting string literals, quoted identifiers and comments. It does not
/// parse: it only lets the head normalizer and dialect rewriter work on whole tokens instead of raw characters.
/// </summary>
internal static class SqlTokenizer
{
    public static IReadOnlyList<SqlToken> Tokenize(string sql, SqlDialect dialect)
    {
        var tokens = new List<SqlToken>();
        var backslashEscapes = dialect.BackslashEscapes();
        var doubleQuotedStrings = dialect.DoubleQuotesStrings();
        var i = 0;
        while (i < sql.Length)
        {
            var start = i;
            var c = sql[i];
            SqlTokenKind kind;
            if (char.IsWhiteSpace(c))
            {
                while (i < sql.Length && char.IsWhiteSpace(sql[i]))
                {
                    i++;
                }

                kind = SqlTokenKind.Whitespace;
            }
            else if (c == '-' && Peek(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                kind = SqlTokenKind.Comment;
            }
            else if (c == '/' && Peek(sql, i + 1) == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                kind = SqlTokenKind.Comment;
            }
            else if (c == '\'')
            {
                i = SkipQuoted(sql, i, '\'', backslashEscapes);
                kind = SqlTokenKind.String;
            }
            else if (c == '"')
            {
                // Hive, Spark and BigQuery read "..." as a string literal; everywhere else it is a quoted identifier.
                i = SkipQuoted(sql, i, '"', doubleQuotedStrings && backslashEscapes);
                kind = doubleQuotedStrings ? SqlTokenKind.String : SqlTokenKind.QuotedIdentifier;
            }
            else if (c == '`')
            {
                i = SkipQuoted(sql, i, '`', backslashEscapes: false);
                kind = SqlTokenKind.QuotedIdentifier;
            }
            else if (c == '[' && dialect.BracketQuotes())
            {
                i = SkipQuoted(sql, i, ']', backslashEscapes: false);
                kind = SqlTokenKind.QuotedIdentifier;
            }
            else if (c == '$' && TryDollarQuote(sql, i, out var dollarEnd))
            {
                i = dollarEnd;
                kind = SqlTokenKind.String;
            }
            else if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(sql, i + 1))))
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '.' || sql[i] == '_'))
                {
                    i++;
                }

                kind = SqlTokenKind.Number;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '$'))
                {
                    i++;
                }

                kind = SqlTokenKind.Word;
            }
            else
            {
                i += sql.AsSpan(i).StartsWith("<=>") ? 3 : IsTwoCharSymbol(sql, i) ? 2 : 1;
                kind = SqlTokenKind.Symbol;
            }

            tokens.Add(new SqlToken(kind, sql[start..i], start));
        }

        return tokens;
    }

    private static char Peek(string sql, int index) => index < sql.Length ? sql[index] : '\0';

    private static int SkipQuoted(string sql, int start, char quote, bool backslashEscapes)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (sql[i] == quote)
            {
                if (Peek(sql, i + 1) == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    private static bool TryDollarQuote(string sql, int start, out int end)
    {
        end = start;
        var tagEnd = sql.IndexOf('$', start + 1);
        if (tagEnd < 0)
        {
            return false;
        }

        var tag = sql[start..(tagEnd + 1)];
        if (!tag[1..^1].All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
        {
            return false;
        }

        var close = sql.IndexOf(tag, tagEnd + 1, StringComparison.Ordinal);
        end = close < 0 ? sql.Length : close + tag.Length;
        return true;
    }

    private static bool IsTwoCharSymbol(string sql, int i)
    {
        if (i + 1 >= sql.Length)
        {
            return false;
        }

        var pair = sql.AsSpan(i, 2);
        return pair is "::" or "<=" or ">=" or "<>" or "!=" or "||" or "=>" or "==" or "->" or "//";
        // ">>" and "<<" stay single characters so that nested type brackets (array<map<a,b>>) balance.
    }
}
