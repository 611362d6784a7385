namespace TownLake.Engine.Sql;

/// <summary>
/// Last-resort, table-level lineage for statements DuckDB cannot parse: finds the names that follow
/// FROM, JOIN and USING (outside function-call parentheses), minus CTE names. It never sees columns.
/// </summary>
internal static class TableReferenceScanner
{
    private static readonly HashSet<string> NotAnAlias = new(StringComparer.OrdinalIgnoreCase)
    {
        "WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "ON", "USING", "GROUP", "ORDER", "LIMIT", "UNION",
        "EXCEPT", "INTERSECT", "HAVING", "WINDOW", "LATERAL", "NATURAL", "SEMI", "ANTI", "QUALIFY", "SORT", "CLUSTER",
        "DISTRIBUTE", "WHEN", "SET", "TABLESAMPLE", "INSERT", "SELECT", "OUTER", "ASOF", "POSITIONAL", "OFFSET", "FETCH",
        "RETURNING", "VALUES", "MINUS",
    };

    public static IReadOnlyList<(IReadOnlyList<string> Parts, bool IsPath)> Scan(IReadOnlyList<SqlToken> tokens)
    {
        var cursor = new SqlTokenCursor(tokens);
        var sig = cursor.Significant;
        var cteNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 2 < sig.Count; i++)
        {
            if (sig[i].IsIdentifier && sig[i + 1].IsWord("AS") && sig[i + 2].IsSymbol("(") && (i == 0 || sig[i - 1].IsWord("WITH") || sig[i - 1].IsSymbol(",") || sig[i - 1].IsWord("RECURSIVE")))
            {
                cteNames.Add(sig[i].IdentifierValue);
            }
        }

        var found = new List<(IReadOnlyList<string>, bool)>();
        var functionParens = new Stack<bool>();
        for (var i = 0; i < sig.Count; i++)
        {
            var token = sig[i];
            if (token.IsSymbol("("))
            {
                functionParens.Push(i > 0 && sig[i - 1].Kind == SqlTokenKind.Word && !NotAnAlias.Contains(sig[i - 1].Text) && !sig[i - 1].IsWord("FROM") && !sig[i - 1].IsWord("AS") && !sig[i - 1].IsWord("IN"));
                continue;
            }

            if (token.IsSymbol(")"))
            {
                functionParens.TryPop(out _);
                continue;
            }

            var insideFunction = functionParens.Count > 0 && functionParens.Peek();
            if (insideFunction || !(token.IsWord("FROM") || token.IsWord("JOIN") || token.IsWord("USING")))
            {
                continue;
            }

            var next = i + 1;
            while (next < sig.Count)
            {
                var (parts, after) = cursor.ReadName(next, t => NotAnAlias.Contains(t.Text));
                if (parts is null)
                {
                    break;
                }

                if (after < sig.Count && sig[after].IsSymbol("("))
                {
                    // A table function: keep the file it reads, if it names one.
                    if (after + 1 < sig.Count && sig[after + 1].Kind == SqlTokenKind.String)
                    {
                        found.Add(([sig[after + 1].StringValue], true));
                    }

                    break;
                }

                if (!(parts.Count == 1 && cteNames.Contains(parts[0])))
                {
                    found.Add((parts, false));
                }

                // Skip an alias, then continue a comma-separated FROM list.
                if (after < sig.Count && sig[after].IsWord("AS"))
                {
                    after++;
                }

                if (after < sig.Count && sig[after].IsIdentifier && !NotAnAlias.Contains(sig[after].Text))
                {
                    after++;
                }

                if (after < sig.Count && sig[after].IsSymbol(",") && token.IsWord("FROM"))
                {
                    next = after + 1;
                    continue;
                }

                break;
            }
        }

        return found.DistinctBy(f => (string.Join('.', f.Item1).ToUpperInvariant(), f.Item2)).ToList();
    }
}
