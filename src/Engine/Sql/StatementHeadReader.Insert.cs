namespace TownLake.Engine.Sql;

/// <summary>INSERT heads, including Hive multi-insert branches (<c>FROM src INSERT … SELECT …</c>).</summary>
internal sealed partial class StatementHeadReader
{
    private StatementHead ReadFromFirstInsert(int insertAt)
    {
        var insert = ReadInsert(insertAt);
        if (insert.Query is null)
        {
            return insert;
        }

        var query = insert.Query.ToList();
        var nextInsert = query.FindIndex(t => t.IsWord("INSERT"));
        if (nextInsert >= 0)
        {
            query = query[..nextInsert];
        }

        var from = Slice(0, FindTopLevel(0, s => Word(s, "INSERT"))!.Value);
        from.Add(new SqlToken(SqlTokenKind.Whitespace, " ", from.Count > 0 ? from[^1].Start : 0));
        return insert with { Query = [.. from, .. query] };
    }

    private StatementHead ReadInsert(int start)
    {
        var s = start + 1;
        if (Word(s, "OR") && s + 1 < _c.Count)
        {
            s += 2; // INSERT OR REPLACE / OR IGNORE
        }

        if (!Word(s, "INTO") && !Word(s, "OVERWRITE"))
        {
            return new StatementHead(SqlStatementKind.Other);
        }

        s++;
        if (Word(s, "LOCAL"))
        {
            s++;
        }

        IReadOnlyList<string>? target;
        var targetIsPath = false;
        if (Word(s, "DIRECTORY") && s + 1 < _c.Count && T(s + 1).Kind == SqlTokenKind.String)
        {
            target = [T(s + 1).StringValue];
            targetIsPath = true;
            s += 2;
        }
        else
        {
            if (Word(s, "TABLE"))
            {
                s++;
            }

            (target, s) = ReadName(s);
            if (target is null)
            {
                return new StatementHead(SqlStatementKind.Other);
            }
        }

        IReadOnlyList<string>? columns = null;
        IReadOnlyList<PartitionColumn> partition = [];
        while (s < _c.Count && !IsQueryStart(s))
        {
            if (Word(s, "PARTITION") && Symbol(s + 1, "("))
            {
                var close = MatchingParen(s + 1);
                partition = PartitionColumns(s + 2, close);
                s = close + 1;
            }
            else if (Symbol(s, "("))
            {
                var close = MatchingParen(s);
                columns = ColumnNamesOfDefinitions(s + 1, close);
                s = close + 1;
            }
            else if (Word(s, "DEFAULT") && Word(s + 1, "VALUES"))
            {
                return new StatementHead(SqlStatementKind.Insert) { Target = target, TargetIsPath = targetIsPath };
            }
            else
            {
                s++; // AS alias, IF NOT EXISTS, BY NAME, ROW FORMAT …, STORED AS … — none of them changes lineage
            }
        }

        var end = FindTopLevel(s, e => Word(e, "RETURNING") || (Word(e, "ON") && Word(e + 1, "CONFLICT"))) ?? _c.Count;
        return new StatementHead(SqlStatementKind.Insert)
        {
            Target = target,
            TargetIsPath = targetIsPath,
            TargetColumns = columns,
            Partition = partition,
            Query = s < _c.Count ? Slice(s, end) : null,
        };
    }

    /// <summary><c>PARTITION (country='US', ds)</c> → country (static), ds (dynamic).</summary>
    private List<PartitionColumn> PartitionColumns(int start, int end) =>
        [.. SplitTopLevel(start, end)
            .Where(item => T(item.Start).IsIdentifier)
            .Select(item => new PartitionColumn(T(item.Start).IdentifierValue, IsStatic: Symbol(item.Start + 1, "=")))];
}
