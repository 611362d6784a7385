namespace TownLake.Engine.Sql;

/// <summary>UPDATE and MERGE heads: the query part is assembled from the assignments and the source.</summary>
internal sealed partial class StatementHeadReader
{
    private StatementHead ReadUpdate()
    {
        var (target, s) = ReadName(1);
        if (target is null)
        {
            return new StatementHead(SqlStatementKind.Other);
        }

        var setAt = FindTopLevel(s, a => Word(a, "SET"));
        if (setAt is null)
        {
            return new StatementHead(SqlStatementKind.Update) { Target = target };
        }

        var targetRef = Slice(1, setAt.Value);
        var assignmentsEnd = FindTopLevel(setAt.Value + 1, a => Word(a, "FROM") || Word(a, "WHERE") || Word(a, "RETURNING")) ?? _c.Count;
        var fromAt = Word(assignmentsEnd, "FROM") ? assignmentsEnd : (int?)null;
        var whereAt = FindTopLevel(assignmentsEnd, a => Word(a, "WHERE"));
        var end = FindTopLevel(assignmentsEnd, a => Word(a, "RETURNING")) ?? _c.Count;

        var query = new List<SqlToken>();
        Append(query, "SELECT ");
        query.AddRange(Assignments(setAt.Value + 1, assignmentsEnd));
        Append(query, " FROM ");
        query.AddRange(targetRef);
        if (fromAt is not null)
        {
            Append(query, ", ");
            query.AddRange(Slice(fromAt.Value + 1, whereAt ?? end));
        }

        if (whereAt is not null)
        {
            Append(query, " ");
            query.AddRange(Slice(whereAt.Value, end));
        }

        return new StatementHead(SqlStatementKind.Update) { Target = target, Query = query };
    }

    /// <summary>
    /// MERGE INTO t USING s ON c WHEN … becomes one SELECT per WHEN branch that writes columns, glued with
    /// UNION ALL BY NAME: matched branches join source and target, not-matched ones left-join them.
    /// </summary>
    private StatementHead ReadMerge()
    {
        var s = Word(1, "INTO") ? 2 : 1;
        var (target, afterTarget) = ReadName(s);
        var usingAt = FindTopLevel(afterTarget, a => Word(a, "USING"));
        var onAt = usingAt is null ? null : FindTopLevel(usingAt.Value + 1, a => Word(a, "ON"));
        var firstWhen = onAt is null ? null : FindTopLevel(onAt.Value + 1, a => Word(a, "WHEN"));
        if (target is null || usingAt is null || onAt is null || firstWhen is null)
        {
            return new StatementHead(SqlStatementKind.Merge) { Target = target };
        }

        var targetRef = Slice(s, usingAt.Value);
        var sourceRef = Slice(usingAt.Value + 1, onAt.Value);
        var sourceAlias = LastIdentifier(usingAt.Value + 1, onAt.Value);
        var condition = Slice(onAt.Value + 1, firstWhen.Value);

        var branches = new List<List<SqlToken>>();
        var when = firstWhen;
        while (when is not null)
        {
            var next = FindTopLevel(when.Value + 1, a => Word(a, "WHEN"));
            var branchEnd = next ?? _c.Count;
            var thenAt = FindTopLevel(when.Value + 1, a => Word(a, "THEN"));
            if (thenAt is not null && thenAt < branchEnd)
            {
                var notMatched = Word(when.Value + 1, "NOT");
                var andAt = FindTopLevel(when.Value + 1, a => Word(a, "AND"));
                var extra = andAt is not null && andAt < thenAt ? Slice(andAt.Value + 1, thenAt.Value) : null;
                var projection = MergeProjection(thenAt.Value + 1, branchEnd, sourceAlias);
                if (projection is not null)
                {
                    var branch = new List<SqlToken>();
                    Append(branch, "SELECT ");
                    branch.AddRange(projection);
                    Append(branch, " FROM ");
                    branch.AddRange(sourceRef);
                    Append(branch, notMatched ? " LEFT JOIN " : " JOIN ");
                    branch.AddRange(targetRef);
                    Append(branch, " ON ");
                    branch.AddRange(condition);
                    if (extra is not null)
                    {
                        Append(branch, " WHERE ");
                        branch.AddRange(extra);
                    }

                    branches.Add(branch);
                }
            }

            when = next;
        }

        if (branches.Count == 0)
        {
            return new StatementHead(SqlStatementKind.Merge) { Target = target };
        }

        var query = new List<SqlToken>();
        for (var b = 0; b < branches.Count; b++)
        {
            if (b > 0)
            {
                Append(query, " UNION ALL BY NAME ");
            }

            query.AddRange(branches[b]);
        }

        return new StatementHead(SqlStatementKind.Merge) { Target = target, Query = query };
    }

    private List<SqlToken>? MergeProjection(int start, int end, string? sourceAlias)
    {
        if (Word(start, "UPDATE") && Word(start + 1, "SET"))
        {
            return Symbol(start + 2, "*") ? StarOf(sourceAlias) : Assignments(start + 2, end);
        }

        if (!Word(start, "INSERT"))
        {
            return null; // DELETE, DO NOTHING
        }

        if (Symbol(start + 1, "*") || Word(start + 1, "ROW"))
        {
            // Spark's INSERT * and BigQuery's INSERT ROW: every source column into the same-named target column.
            return StarOf(sourceAlias);
        }

        var s = start + 1;
        IReadOnlyList<string>? columns = null;
        if (Symbol(s, "("))
        {
            var close = MatchingParen(s);
            columns = ColumnNamesOfDefinitions(s + 1, close);
            s = close + 1;
        }

        if (!Word(s, "VALUES") || !Symbol(s + 1, "("))
        {
            return null;
        }

        var valuesClose = MatchingParen(s + 1);
        var values = SplitTopLevel(s + 2, valuesClose);
        var projection = new List<SqlToken>();
        for (var v = 0; v < values.Count; v++)
        {
            if (v > 0)
            {
                Append(projection, ", ");
            }

            projection.AddRange(Slice(values[v].Start, values[v].End));
            if (columns is not null && v < columns.Count)
            {
                Append(projection, " AS " + SqlDialectRewriter.Quote(columns[v]));
            }
        }

        return projection;
    }

    private List<SqlToken> StarOf(string? alias)
    {
        var star = new List<SqlToken>();
        Append(star, alias is null ? "*" : SqlDialectRewriter.Quote(alias) + ".*");
        return star;
    }

    /// <summary><c>a = x + 1, b = y</c> → <c>x + 1 AS "a", y AS "b"</c>.</summary>
    private List<SqlToken> Assignments(int start, int end)
    {
        var projection = new List<SqlToken>();
        foreach (var (itemStart, itemEnd) in SplitTopLevel(start, end))
        {
            var equals = FindTopLevel(itemStart, e => Symbol(e, "="));
            if (equals is null || equals >= itemEnd)
            {
                continue;
            }

            if (projection.Count > 0)
            {
                Append(projection, ", ");
            }

            projection.AddRange(Slice(equals.Value + 1, itemEnd));
            Append(projection, " AS " + SqlDialectRewriter.Quote(T(equals.Value - 1).IdentifierValue));
        }

        return projection;
    }
}
