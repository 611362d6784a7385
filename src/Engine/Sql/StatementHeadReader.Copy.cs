namespace TownLake.Engine.Sql;

/// <summary>Bulk moves between tables and files: COPY, Hive LOAD DATA, IMPORT/EXPORT TABLE.</summary>
internal sealed partial class StatementHeadReader
{
    private StatementHead ReadCopy()
    {
        if (Symbol(1, "("))
        {
            var close = MatchingParen(1);
            var toPath = Word(close + 1, "TO") && close + 2 < _c.Count && T(close + 2).Kind == SqlTokenKind.String ? T(close + 2).StringValue : null;
            return new StatementHead(SqlStatementKind.Copy)
            {
                Target = toPath is null ? null : [toPath],
                TargetIsPath = true,
                Query = Slice(2, close),
            };
        }

        var (table, s) = ReadName(1);
        if (table is null)
        {
            return new StatementHead(SqlStatementKind.Other);
        }

        IReadOnlyList<string>? columns = null;
        if (Symbol(s, "("))
        {
            var close = MatchingParen(s);
            columns = ColumnNamesOfDefinitions(s + 1, close);
            s = close + 1;
        }

        if (s + 1 >= _c.Count || T(s + 1).Kind != SqlTokenKind.String)
        {
            return new StatementHead(SqlStatementKind.Other);
        }

        var path = T(s + 1).StringValue;
        return Word(s, "FROM")
            ? new StatementHead(SqlStatementKind.Copy) { Target = table, TargetColumns = columns, Source = [path], SourceIsPath = true }
            : new StatementHead(SqlStatementKind.Copy) { Target = [path], TargetIsPath = true, TargetColumns = columns, Source = table };
    }

    /// <summary>Hive: LOAD DATA [LOCAL] INPATH 'path' [OVERWRITE] INTO TABLE t [PARTITION (…)].</summary>
    private StatementHead ReadLoad()
    {
        var inpath = FindTopLevel(1, a => Word(a, "INPATH"));
        var into = FindTopLevel(1, a => Word(a, "INTO"));
        if (inpath is null || into is null || inpath.Value + 1 >= _c.Count || T(inpath.Value + 1).Kind != SqlTokenKind.String)
        {
            return new StatementHead(SqlStatementKind.Other);
        }

        var s = into.Value + 1;
        if (Word(s, "TABLE"))
        {
            s++;
        }

        var (table, _) = ReadName(s);
        return new StatementHead(SqlStatementKind.Copy) { Target = table, Source = [T(inpath.Value + 1).StringValue], SourceIsPath = true };
    }

    /// <summary>Hive: IMPORT [EXTERNAL] TABLE t FROM 'path' and EXPORT TABLE t TO 'path'.</summary>
    private StatementHead ReadImportExport(SqlStatementKind kind, bool import)
    {
        var tableAt = FindTopLevel(1, a => Word(a, "TABLE"));
        if (tableAt is null)
        {
            return new StatementHead(SqlStatementKind.Other);
        }

        var (table, s) = ReadName(tableAt.Value + 1);
        if (Word(s, "PARTITION") && Symbol(s + 1, "("))
        {
            s = MatchingParen(s + 1) + 1;
        }

        if (table is null || s + 1 >= _c.Count || T(s + 1).Kind != SqlTokenKind.String)
        {
            return new StatementHead(SqlStatementKind.Other);
        }

        var path = T(s + 1).StringValue;
        return import
            ? new StatementHead(kind) { Target = table, Source = [path], SourceIsPath = true }
            : new StatementHead(kind) { Target = [path], TargetIsPath = true, Source = table };
    }
}
