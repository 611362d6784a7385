namespace TownLake.Engine.Sql;

/// <summary>
/// Snowflake's and Oracle's multi-table insert: <c>INSERT [OVERWRITE] ALL|FIRST [WHEN c THEN] INTO t1 [(cols)] [VALUES (…)]
/// … [ELSE INTO tn …] &lt;query&gt;</c>. Each INTO clause is a head of its own whose query selects its VALUES (or every
/// column) from the shared query, filtered by the WHEN condition it sits under.
/// </summary>
internal sealed partial class StatementHeadReader
{
    private bool IsMultiTableInsert()
    {
        var s = Word(1, "OVERWRITE") ? 2 : 1;
        return T(0).IsWord("INSERT") && (Word(s, "ALL") || Word(s, "FIRST")) && (Word(s + 1, "INTO") || Word(s + 1, "WHEN"));
    }

    private List<StatementHead> ReadMultiTableInsert()
    {
        var s = Word(1, "OVERWRITE") ? 3 : 2;
        // The shared query is the first top-level SELECT (or WITH, or parenthesized query); VALUES lists belong to INTO clauses.
        var queryAt = FindTopLevel(s, a => Word(a, "SELECT") || Word(a, "WITH") || (Symbol(a, "(") && IsQueryStart(a + 1)));
        if (queryAt is null)
        {
            return [new StatementHead(SqlStatementKind.Insert)];
        }

        var source = Slice(queryAt.Value, _c.Count);
        var heads = new List<StatementHead>();
        List<SqlToken>? condition = null;
        while (s < queryAt.Value)
        {
            if (Word(s, "WHEN") && FindTopLevel(s + 1, a => Word(a, "THEN")) is { } thenAt && thenAt < queryAt.Value)
            {
                condition = Slice(s + 1, thenAt);
                s = thenAt + 1;
            }
            else if (Word(s, "ELSE"))
            {
                condition = null;
                s++;
            }
            else if (Word(s, "INTO"))
            {
                var (head, next) = ReadInsertInto(s + 1, queryAt.Value, source, condition);
                if (head is not null)
                {
                    heads.Add(head);
                }

                s = Math.Max(next, s + 1);
            }
            else
            {
                s++;
            }
        }

        return heads.Count > 0 ? heads : [new StatementHead(SqlStatementKind.Insert)];
    }

    /// <summary>One <c>INTO t [(cols)] [VALUES (…)]</c> clause: the head and the index after the clause.</summary>
    private (StatementHead? Head, int Next) ReadInsertInto(int s, int end, List<SqlToken> source, List<SqlToken>? condition)
    {
        var (target, next) = ReadName(s);
        if (target is null)
        {
            return (null, s);
        }

        IReadOnlyList<string>? columns = null;
        if (Symbol(next, "(") && next < end)
        {
            var close = MatchingParen(next);
            columns = ColumnNamesOfDefinitions(next + 1, close);
            next = close + 1;
        }

        var query = new List<SqlToken>();
        Append(query, "SELECT ");
        if (Word(next, "VALUES") && Symbol(next + 1, "("))
        {
            var close = MatchingParen(next + 1);
            var values = SplitTopLevel(next + 2, close);
            for (var v = 0; v < values.Count; v++)
            {
                if (v > 0)
                {
                    Append(query, ", ");
                }

                query.AddRange(Slice(values[v].Start, values[v].End));
                if (columns is not null && v < columns.Count)
                {
                    Append(query, " AS " + SqlDialectRewriter.Quote(columns[v]));
                }
            }

            // The VALUES list names the target's columns itself; positional naming must not rename them again.
            columns = null;
            next = close + 1;
        }
        else
        {
            Append(query, "*");
        }

        Append(query, " FROM (");
        query.AddRange(source);
        Append(query, ") AS multi_insert_source");
        if (condition is not null)
        {
            Append(query, " WHERE ");
            query.AddRange(condition);
        }

        return (new StatementHead(SqlStatementKind.Insert) { Target = target, TargetColumns = columns, Query = query }, next);
    }
}
