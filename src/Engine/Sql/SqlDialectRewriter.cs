using System.Text;

namespace TownLake.Engine.Sql;

/// <summary>
/// Rewrites dialect constructs DuckDB's parser does not read into equivalent DuckDB syntax, token by token
/// (strings, comments and quoted names are never touched by accident). Every new token keeps the original
/// position of the token it replaces, so parser errors still point into the user's text.
/// <list type="bullet">
/// <item>Identifiers: unquoted names fold as the dialect stores them (<see cref="SqlDialects.FoldingOf"/>); quoted names keep
/// their case and come out as <c>"name"</c> whatever the quote (<c>`name`</c>, SQL Server <c>[name]</c>); BigQuery's
/// <c>`project.dataset.table`</c> is three quoted parts, and an unquoted <c>my-project.dataset.table</c> after FROM, JOIN
/// or INTO keeps its dashed project name.</item>
/// <item>Strings: Hive, Spark and BigQuery <c>"text"</c> and backslash escapes (also Snowflake's) → standard <c>'text'</c>.</item>
/// <item>Snowflake <c>IFF(c, a, b)</c> → <c>IF(c, a, b)</c>; BigQuery <c>* EXCEPT (a)</c> → <c>* EXCLUDE (a)</c>; SQL Server
/// <c>SELECT TOP (n)</c> drops the row limit.</item>
/// <item>All dialects: <c>LEFT SEMI|ANTI JOIN</c> → <c>SEMI|ANTI JOIN</c>;
/// Hive <c>LATERAL VIEW [OUTER] f(x) t AS c1, c2</c> → <c>CROSS JOIN LATERAL (SELECT f(x)) t(c1, c2)</c>
/// (OUTER → <c>LEFT JOIN LATERAL … ON TRUE</c>).</item>
/// <item>Hive/Spark: <c>SORT BY</c> and
/// <c>CLUSTER BY</c> → <c>ORDER BY</c>; <c>GROUP BY … WITH ROLLUP|CUBE</c> → <c>GROUP BY …</c>; <c>DISTRIBUTE BY …</c> dropped (it only routes rows to reducers);
/// <c>a RLIKE|REGEXP b</c> → <c>a SIMILAR TO b</c>; <c>a DIV b</c> → <c>a // b</c>; <c>a &lt;=&gt; b</c> →
/// <c>a IS NOT DISTINCT FROM b</c>; <c>array(x, y)</c> → <c>list_value(x, y)</c>; complex types such as
/// <c>map&lt;string,int&gt;</c> → <c>VARCHAR</c>; <c>TABLESAMPLE (…)</c> dropped.</item>
/// </list>
/// </summary>
internal static class SqlDialectRewriter
{
    private static readonly HashSet<string> ClauseKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "SORT", "ORDER", "LIMIT", "CLUSTER", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "HAVING", "QUALIFY", "INSERT",
    };

    private static readonly HashSet<string> TableNameStarters = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "JOIN", "INTO", "TABLE", "UPDATE", "USING", "VIEW", "MERGE",
    };

    public static IReadOnlyList<SqlToken> Rewrite(IReadOnlyList<SqlToken> written, SqlDialect dialect)
    {
        var hiveLike = dialect.IsHiveLike();
        var tokens = Fold(written, dialect);
        var output = new List<SqlToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (dialect == SqlDialect.BigQuery && token.Kind == SqlTokenKind.QuotedIdentifier && token.IdentifierValue.Contains('.', StringComparison.Ordinal))
            {
                output.AddRange(DottedPath(token));
            }
            else if (dialect == SqlDialect.BigQuery && token.Kind == SqlTokenKind.Word && TryDashedProject(tokens, i, output, out var projectEnd))
            {
                i = projectEnd;
            }
            else if (token.Kind is SqlTokenKind.QuotedIdentifier or SqlTokenKind.String)
            {
                output.Add(RewriteLiteral(token, dialect));
            }
            else if (dialect == SqlDialect.Snowflake && token.IsWord("IFF") && NextIsOpenParen(tokens, i))
            {
                output.Add(token with { Text = "IF" });
            }
            else if (dialect == SqlDialect.BigQuery && token.IsWord("EXCEPT") && PreviousSignificant(output) is { } star && star.IsSymbol("*")
                && NextIsOpenParen(tokens, i))
            {
                output.Add(token with { Text = "EXCLUDE" });
            }
            else if (dialect == SqlDialect.SqlServer && token.IsWord("TOP") && PreviousSignificant(output) is { } select
                && (select.IsWord("SELECT") || select.IsWord("DISTINCT")))
            {
                // SELECT TOP (n) [PERCENT] [WITH TIES]: a row limit, which does not change lineage.
                i = SkipTop(tokens, i);
            }
            else if (token.IsWord("LEFT") && NextWord(tokens, i, out var semi) && (tokens[semi].IsWord("SEMI") || tokens[semi].IsWord("ANTI")))
            {
                // DuckDB spells these SEMI JOIN / ANTI JOIN.
                i = semi - 1;
            }
            else if (token.IsWord("LATERAL") && NextWord(tokens, i, out var view) && tokens[view].IsWord("VIEW")
                && TryRewriteLateralView(tokens, view, token.Start, dialect, output, out var lateralEnd))
            {
                i = lateralEnd;
            }
            else if (hiveLike && (token.IsWord("SORT") || token.IsWord("CLUSTER")) && NextWord(tokens, i, out var by) && tokens[by].IsWord("BY"))
            {
                output.Add(token with { Text = "ORDER" });
            }
            else if (token.IsWord("WITH") && NextWord(tokens, i, out var rollup) && (tokens[rollup].IsWord("ROLLUP") || tokens[rollup].IsWord("CUBE")))
            {
                // GROUP BY a, b WITH ROLLUP: same grouping columns, so the lineage is that of GROUP BY a, b.
                i = rollup;
            }
            else if (hiveLike && token.IsWord("TABLESAMPLE") && NextIsOpenParen(tokens, i))
            {
                // Sampling picks rows, not columns: drop the clause (Hive's BUCKET x OUT OF y form is not DuckDB's).
                i = CloseParen(tokens, NextSignificant(tokens, i));
            }
            else if (hiveLike && token.IsWord("ARRAY") && NextIsOpenParen(tokens, i)
                && !tokens[NextSignificant(tokens, NextSignificant(tokens, i))].IsWord("SELECT"))
            {
                output.Add(token with { Text = "list_value" });
            }
            else if (hiveLike && (token.IsWord("ARRAY") || token.IsWord("MAP") || token.IsWord("STRUCT") || token.IsWord("UNIONTYPE"))
                && NextSignificant(tokens, i) < tokens.Count && tokens[NextSignificant(tokens, i)].IsSymbol("<"))
            {
                // A complex type such as map<string,array<int>> (in CAST): its shape does not matter for lineage.
                output.Add(token with { Text = "VARCHAR" });
                i = CloseAngle(tokens, NextSignificant(tokens, i));
            }
            else if (hiveLike && token.IsSymbol("<=>"))
            {
                output.Add(token with { Kind = SqlTokenKind.Word, Text = "IS NOT DISTINCT FROM" });
            }
            else if (hiveLike && token.IsWord("DISTRIBUTE") && NextWord(tokens, i, out var distributeBy) && tokens[distributeBy].IsWord("BY"))
            {
                i = SkipToClauseEnd(tokens, distributeBy + 1) - 1;
            }
            else if (hiveLike && (token.IsWord("RLIKE") || token.IsWord("REGEXP")) && !NextIsOpenParen(tokens, i))
            {
                output.Add(token with { Text = "SIMILAR TO" });
            }
            else if (hiveLike && token.IsWord("DIV") && !NextIsOpenParen(tokens, i))
            {
                output.Add(token with { Kind = SqlTokenKind.Symbol, Text = "//" });
            }
            else
            {
                output.Add(token);
            }
        }

        return output;
    }

    private static SqlToken RewriteLiteral(SqlToken token, SqlDialect dialect) => token.Kind switch
    {
        SqlTokenKind.QuotedIdentifier when token.Text.StartsWith('`') || token.Text.StartsWith('[') => token with { Text = Quote(token.IdentifierValue) },
        SqlTokenKind.String when dialect.BackslashEscapes() && !token.Text.StartsWith('$') => token with { Text = StandardString(token.Text) },
        _ => token,
    };

    /// <summary>Unquoted words in the case the dialect stores them (keywords and function names are case-blind, so folding them too is harmless).</summary>
    private static IReadOnlyList<SqlToken> Fold(IReadOnlyList<SqlToken> tokens, SqlDialect dialect)
    {
        if (SqlDialects.FoldingOf(dialect) == IdentifierCase.AsWritten)
        {
            return tokens;
        }

        return [.. tokens.Select(t => t.Kind == SqlTokenKind.Word ? t with { Text = dialect.Fold(t.Text) } : t)];
    }

    /// <summary>BigQuery's <c>`project.dataset.table`</c>: one quoted token naming three parts.</summary>
    private static IEnumerable<SqlToken> DottedPath(SqlToken token)
    {
        var parts = token.IdentifierValue.Split('.');
        for (var p = 0; p < parts.Length; p++)
        {
            if (p > 0)
            {
                yield return new SqlToken(SqlTokenKind.Symbol, ".", token.Start);
            }

            yield return new SqlToken(SqlTokenKind.QuotedIdentifier, Quote(parts[p]), token.Start);
        }
    }

    /// <summary>
    /// BigQuery project names may hold dashes unquoted (<c>FROM my-project.sales.orders</c>): after a word that starts a
    /// table name, words joined by dashes with no space between them and followed by a dot are one quoted name.
    /// </summary>
    private static bool TryDashedProject(IReadOnlyList<SqlToken> tokens, int start, List<SqlToken> output, out int end)
    {
        end = start;
        if (PreviousSignificant(output) is not { Kind: SqlTokenKind.Word } before || !TableNameStarters.Contains(before.Text))
        {
            return false;
        }

        var i = start;
        var text = new StringBuilder(tokens[start].Text);
        while (i + 2 < tokens.Count && tokens[i + 1].IsSymbol("-") && tokens[i + 2].Kind is SqlTokenKind.Word or SqlTokenKind.Number)
        {
            text.Append('-').Append(tokens[i + 2].Text);
            i += 2;
        }

        if (i == start || i + 1 >= tokens.Count || !tokens[i + 1].IsSymbol("."))
        {
            return false;
        }

        output.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, Quote(text.ToString()), tokens[start].Start));
        end = i;
        return true;
    }

    private static SqlToken? PreviousSignificant(List<SqlToken> output)
    {
        for (var k = output.Count - 1; k >= 0; k--)
        {
            if (!output[k].IsTrivia)
            {
                return output[k];
            }
        }

        return null;
    }

    /// <summary>Index of the last token of <c>TOP n|(n) [PERCENT] [WITH TIES]</c> starting at <paramref name="top"/>.</summary>
    private static int SkipTop(IReadOnlyList<SqlToken> tokens, int top)
    {
        var i = NextSignificant(tokens, top);
        if (i >= tokens.Count)
        {
            return top;
        }

        var end = tokens[i].IsSymbol("(") ? CloseParen(tokens, i) : i;
        var next = NextSignificant(tokens, end);
        if (next < tokens.Count && tokens[next].IsWord("PERCENT"))
        {
            end = next;
            next = NextSignificant(tokens, end);
        }

        if (next < tokens.Count && tokens[next].IsWord("WITH") && NextWord(tokens, next, out var ties) && tokens[ties].IsWord("TIES"))
        {
            end = ties;
        }

        return end;
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string StandardString(string literal)
    {
        if (literal.Length < 2)
        {
            return literal;
        }

        var quote = literal[0];
        var body = literal[1..^1];
        var value = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 1 < body.Length)
            {
                i++;
                value.Append(body[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', var other => other });
            }
            else if (body[i] == quote && i + 1 < body.Length && body[i + 1] == quote)
            {
                value.Append(quote);
                i++;
            }
            else
            {
                value.Append(body[i]);
            }
        }

        return "'" + value.ToString().Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static bool NextWord(IReadOnlyList<SqlToken> tokens, int index, out int next)
    {
        next = NextSignificant(tokens, index);
        return next < tokens.Count && tokens[next].Kind == SqlTokenKind.Word;
    }

    private static bool NextIsOpenParen(IReadOnlyList<SqlToken> tokens, int index)
    {
        var next = NextSignificant(tokens, index);
        return next < tokens.Count && tokens[next].IsSymbol("(");
    }

    private static int NextSignificant(IReadOnlyList<SqlToken> tokens, int index) => SqlTokenCursor.NextSignificant(tokens, index);

    private static int CloseParen(IReadOnlyList<SqlToken> tokens, int open) => SqlTokenCursor.Close(tokens, open);

    // ">>" never appears as one token here: the tokenizer emits '>' symbols one by one.
    private static int CloseAngle(IReadOnlyList<SqlToken> tokens, int open) => SqlTokenCursor.Close(tokens, open, "<", ">");

    /// <summary>Index of the first token at depth 0 that starts a new clause (or closes the enclosing parenthesis).</summary>
    private static int SkipToClauseEnd(IReadOnlyList<SqlToken> tokens, int start) =>
        SqlTokenCursor.NextTopLevel(tokens, start, t => t.IsSymbol(";") || (t.Kind == SqlTokenKind.Word && ClauseKeywords.Contains(t.Text)));

    private static bool TryRewriteLateralView(IReadOnlyList<SqlToken> tokens, int viewIndex, int origin, SqlDialect dialect, List<SqlToken> output, out int end)
    {
        end = viewIndex;
        var i = NextSignificant(tokens, viewIndex);
        var outer = i < tokens.Count && tokens[i].IsWord("OUTER");
        if (outer)
        {
            i = NextSignificant(tokens, i);
        }

        // The generator call: a name, then a balanced parenthesis.
        var callStart = i;
        if (i >= tokens.Count || !tokens[i].IsIdentifier)
        {
            return false;
        }

        i = NextSignificant(tokens, i);
        if (i >= tokens.Count || !tokens[i].IsSymbol("("))
        {
            return false;
        }

        if (SqlTokenCursor.MatchingClose(tokens, i) is not { } callEnd)
        {
            return false;
        }

        i = callEnd;
        i = NextSignificant(tokens, i);
        if (i >= tokens.Count || !tokens[i].IsIdentifier || tokens[i].IsWord("AS"))
        {
            return false;
        }

        var tableAlias = tokens[i];
        var tableAliasIndex = i;
        i = NextSignificant(tokens, i);
        if (i < tokens.Count && tokens[i].IsWord("AS"))
        {
            i = NextSignificant(tokens, i);
        }

        var columns = new List<SqlToken>();
        while (i < tokens.Count && tokens[i].IsIdentifier && !ClauseKeywords.Contains(tokens[i].Text)
            && !tokens[i].IsWord("WHERE") && !tokens[i].IsWord("GROUP") && !tokens[i].IsWord("LATERAL"))
        {
            columns.Add(tokens[i]);
            end = i;
            var comma = NextSignificant(tokens, i);
            if (comma >= tokens.Count || !tokens[comma].IsSymbol(","))
            {
                break;
            }

            i = NextSignificant(tokens, comma);
        }

        if (columns.Count == 0)
        {
            end = tableAliasIndex;
        }

        var text = new StringBuilder(outer ? "LEFT JOIN LATERAL (SELECT " : "CROSS JOIN LATERAL (SELECT ");
        for (var k = callStart; k <= callEnd; k++)
        {
            text.Append(RewriteLiteral(tokens[k], dialect).Text);
        }

        text.Append(") ").Append(Quote(tableAlias.IdentifierValue));
        if (columns.Count > 0)
        {
            text.Append('(').Append(string.Join(", ", columns.Select(c => Quote(c.IdentifierValue)))).Append(')');
        }

        if (outer)
        {
            text.Append(" ON TRUE");
        }

        output.Add(new SqlToken(SqlTokenKind.Word, text.ToString(), origin));
        return true;
    }
}
