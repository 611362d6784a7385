namespace TownLake.Engine.Sql;

/// <summary>
/// Reads the head of a statement (CREATE TABLE … AS, CREATE VIEW, INSERT, MERGE, UPDATE, COPY, LOAD DATA,
/// IMPORT/EXPORT TABLE) from tokens and hands back the query part. DuckDB's <c>json_serialize_sql</c> reads
/// only SELECT statements, so this step finds the target name and cuts out (or, for MERGE and UPDATE,
/// assembles) the SELECT; every expression inside is still parsed by DuckDB.
/// </summary>
internal sealed class StatementHeadReader
{
    private static readonly HashSet<string> QueryStarters = new(StringComparer.OrdinalIgnoreCase) { "SELECT", "WITH", "VALUES", "FROM", "TABLE" };
    private static readonly HashSet<string> TableModifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "OR", "REPLACE", "TEMP", "TEMPORARY", "GLOBAL", "LOCAL", "EXTERNAL", "TRANSIENT", "UNLOGGED", "VOLATILE",
        "MULTISET", "MATERIALIZED", "SECURE", "RECURSIVE", "TRANSACTIONAL", "FORCE",
    };

    private readonly IReadOnlyList<SqlToken> _tokens;
    private readonly List<int> _sig;

    private StatementHeadReader(IReadOnlyList<SqlToken> tokens)
    {
        _tokens = tokens;
        _sig = [.. Enumerable.Range(0, tokens.Count).Where(i => !tokens[i].IsTrivia)];
    }

    /// <summary>
    /// Reads the statement's head. A Hive multi-insert (<c>FROM src INSERT … SELECT … INSERT … SELECT …</c>)
    /// yields one head per INSERT branch; every other statement yields exactly one.
    /// </summary>
    public static IReadOnlyList<StatementHead> Read(IReadOnlyList<SqlToken> tokens) => new StatementHeadReader(tokens).ReadAll();

    private IReadOnlyList<StatementHead> ReadAll()
    {
        if (_sig.Count > 0 && T(0).IsWord("FROM") && FindTopLevel(0, s => Word(s, "INSERT")) is { } firstInsert)
        {
            var heads = new List<StatementHead>();
            for (int? insertAt = firstInsert; insertAt is not null; insertAt = FindTopLevel(insertAt.Value + 1, s => Word(s, "INSERT")))
            {
                heads.Add(ReadFromFirstInsert(insertAt.Value));
            }

            return heads;
        }

        return [Read()];
    }

    private SqlToken T(int s) => _tokens[_sig[s]];

    private bool Word(int s, string word) => s < _sig.Count && T(s).IsWord(word);

    private bool Symbol(int s, string symbol) => s < _sig.Count && T(s).IsSymbol(symbol);

    private StatementHead Read()
    {
        if (_sig.Count == 0)
        {
            return new StatementHead(SqlStatementKind.Other);
        }

        var first = T(0);
        if (first.IsSymbol("(") || QueryStarters.Contains(first.Text) && first.Kind == SqlTokenKind.Word)
        {
            if (first.IsWord("WITH") && FindTopLevel(0, s => Word(s, "INSERT")) is { } insertAt)
            {
                // WITH … INSERT INTO t SELECT: the CTEs belong to the query part.
                var insert = ReadInsert(insertAt);
                return insert.Query is null ? insert : insert with { Query = [.. Slice(0, insertAt), .. insert.Query] };
            }

            return new StatementHead(SqlStatementKind.Select) { Query = Slice(0, _sig.Count) };
        }

        return first.Text.ToUpperInvariant() switch
        {
            "CREATE" => ReadCreate(),
            "ALTER" when Word(1, "VIEW") => ReadCreate() is { Kind: SqlStatementKind.CreateView } view ? view : new StatementHead(SqlStatementKind.Other),
            "INSERT" => ReadInsert(0),
            "MERGE" => ReadMerge(),
            "UPDATE" => ReadUpdate(),
            "COPY" => ReadCopy(),
            "LOAD" => ReadLoad(),
            "IMPORT" => ReadImportExport(SqlStatementKind.Copy, import: true),
            "EXPORT" => ReadImportExport(SqlStatementKind.Copy, import: false),
            "EXPLAIN" when _sig.Count > 1 => new StatementHead(SqlStatementKind.Select) { Query = Slice(1, _sig.Count) },
            _ => new StatementHead(SqlStatementKind.Other),
        };
    }

    private StatementHead ReadCreate()
    {
        var s = 1;
        while (s < _sig.Count && TableModifiers.Contains(T(s).Text))
        {
            s++;
        }

        SqlStatementKind kind;
        if (Word(s, "TABLE"))
        {
            kind = SqlStatementKind.CreateTableAs;
        }
        else if (Word(s, "VIEW"))
        {
            kind = SqlStatementKind.CreateView;
        }
        else
        {
            return new StatementHead(SqlStatementKind.Other);
        }

        s++;
        if (Word(s, "IF") && Word(s + 1, "NOT") && Word(s + 2, "EXISTS"))
        {
            s += 3;
        }

        var (target, afterName) = ReadName(s);
        if (target is null)
        {
            return new StatementHead(SqlStatementKind.Other);
        }

        IReadOnlyList<string>? columns = null;
        if (Symbol(afterName, "(") && !IsQueryStart(afterName + 1))
        {
            var close = MatchingParen(afterName);
            columns = ColumnNamesOfDefinitions(afterName + 1, close);
            afterName = close + 1;
        }

        // The query follows the first top-level AS that is followed by a query (Hive's "STORED AS ORC" is not).
        var asAt = FindTopLevel(afterName, a => Word(a, "AS") && IsQueryStart(a + 1));
        if (asAt is null)
        {
            return new StatementHead(SqlStatementKind.Other) { Target = target };
        }

        return new StatementHead(kind) { Target = target, TargetColumns = columns, Query = Slice(asAt.Value + 1, _sig.Count) };
    }

    /// <summary>
    /// One branch of Hive's <c>FROM src INSERT OVERWRITE TABLE t SELECT a WHERE …</c>: DuckDB reads FROM-first
    /// queries, so the query is the FROM clause plus the SELECT that follows this INSERT head, up to the next one.
    /// </summary>
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
        if (Word(s, "OR") && s + 1 < _sig.Count)
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
        if (Word(s, "DIRECTORY") && s + 1 < _sig.Count && T(s + 1).Kind == SqlTokenKind.String)
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
        while (s < _sig.Count && !IsQueryStart(s))
        {
            if (Word(s, "PARTITION") && Symbol(s + 1, "("))
            {
                s = MatchingParen(s + 1) + 1;
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

        var end = FindTopLevel(s, e => Word(e, "RETURNING") || (Word(e, "ON") && Word(e + 1, "CONFLICT"))) ?? _sig.Count;
        return new StatementHead(SqlStatementKind.Insert)
        {
            Target = target,
            TargetIsPath = targetIsPath,
            TargetColumns = columns,
            Query = s < _sig.Count ? Slice(s, end) : null,
        };
    }

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
        var assignmentsEnd = FindTopLevel(setAt.Value + 1, a => Word(a, "FROM") || Word(a, "WHERE") || Word(a, "RETURNING")) ?? _sig.Count;
        var fromAt = Word(assignmentsEnd, "FROM") ? assignmentsEnd : (int?)null;
        var whereAt = FindTopLevel(assignmentsEnd, a => Word(a, "WHERE"));
        var end = FindTopLevel(assignmentsEnd, a => Word(a, "RETURNING")) ?? _sig.Count;

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
            var branchEnd = next ?? _sig.Count;
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

        if (Symbol(start + 1, "*"))
        {
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

    private StatementHead ReadCopy()
    {
        if (Symbol(1, "("))
        {
            var close = MatchingParen(1);
            var toPath = Word(close + 1, "TO") && close + 2 < _sig.Count && T(close + 2).Kind == SqlTokenKind.String ? T(close + 2).StringValue : null;
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

        if (s + 1 >= _sig.Count || T(s + 1).Kind != SqlTokenKind.String)
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
        if (inpath is null || into is null || inpath.Value + 1 >= _sig.Count || T(inpath.Value + 1).Kind != SqlTokenKind.String)
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

        if (table is null || s + 1 >= _sig.Count || T(s + 1).Kind != SqlTokenKind.String)
        {
            return new StatementHead(SqlStatementKind.Other);
        }

        var path = T(s + 1).StringValue;
        return import
            ? new StatementHead(kind) { Target = table, Source = [path], SourceIsPath = true }
            : new StatementHead(kind) { Target = [path], TargetIsPath = true, Source = table };
    }

    private bool IsQueryStart(int s) =>
        s < _sig.Count && ((T(s).Kind == SqlTokenKind.Word && QueryStarters.Contains(T(s).Text) && !T(s).IsWord("TABLE"))
            || (T(s).IsSymbol("(") && IsQueryStart(s + 1)));

    /// <summary>Reads a dotted name; returns its unquoted parts and the index after it.</summary>
    private (IReadOnlyList<string>? Parts, int Next) ReadName(int s)
    {
        if (s >= _sig.Count || !T(s).IsIdentifier)
        {
            return (null, s);
        }

        var parts = new List<string> { T(s).IdentifierValue };
        s++;
        while (Symbol(s, ".") && s + 1 < _sig.Count && T(s + 1).IsIdentifier)
        {
            parts.Add(T(s + 1).IdentifierValue);
            s += 2;
        }

        return (parts, s);
    }

    private string? LastIdentifier(int start, int end)
    {
        if (end - 1 < start || !T(end - 1).IsIdentifier)
        {
            return null;
        }

        return T(end - 1).IdentifierValue;
    }

    /// <summary>First token of each top-level element that is a plain name (<c>(a, b int, PRIMARY KEY (a))</c> → a, b).</summary>
    private List<string> ColumnNamesOfDefinitions(int start, int end)
    {
        var names = new List<string>();
        foreach (var (itemStart, _) in SplitTopLevel(start, end))
        {
            var token = T(itemStart);
            if (token.IsIdentifier && !token.IsWord("PRIMARY") && !token.IsWord("CONSTRAINT") && !token.IsWord("UNIQUE")
                && !token.IsWord("FOREIGN") && !token.IsWord("CHECK"))
            {
                names.Add(token.IdentifierValue);
            }
        }

        return names;
    }

    private List<(int Start, int End)> SplitTopLevel(int start, int end)
    {
        var items = new List<(int, int)>();
        var depth = 0;
        var itemStart = start;
        for (var s = start; s < end; s++)
        {
            if (Symbol(s, "(") || Symbol(s, "["))
            {
                depth++;
            }
            else if (Symbol(s, ")") || Symbol(s, "]"))
            {
                depth--;
            }
            else if (depth == 0 && Symbol(s, ","))
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

    private int MatchingParen(int open)
    {
        var depth = 0;
        for (var s = open; s < _sig.Count; s++)
        {
            if (Symbol(s, "("))
            {
                depth++;
            }
            else if (Symbol(s, ")") && --depth == 0)
            {
                return s;
            }
        }

        return _sig.Count - 1;
    }

    private int? FindTopLevel(int start, Func<int, bool> match)
    {
        var depth = 0;
        for (var s = start; s < _sig.Count; s++)
        {
            if (depth == 0 && match(s))
            {
                return s;
            }

            if (Symbol(s, "("))
            {
                depth++;
            }
            else if (Symbol(s, ")"))
            {
                depth--;
            }
        }

        return null;
    }

    /// <summary>Tokens from significant index <paramref name="start"/> up to (not including) <paramref name="end"/>, trivia kept.</summary>
    private List<SqlToken> Slice(int start, int end)
    {
        if (start >= end || start >= _sig.Count)
        {
            return [];
        }

        var from = _sig[start];
        var to = end >= _sig.Count ? _sig[^1] : _sig[end - 1];
        var slice = new List<SqlToken>(to - from + 1);
        for (var i = from; i <= to; i++)
        {
            slice.Add(_tokens[i]);
        }

        return slice;
    }

    private void Append(List<SqlToken> tokens, string text) =>
        tokens.Add(new SqlToken(SqlTokenKind.Whitespace, text, tokens.Count > 0 ? tokens[^1].Start : (_sig.Count > 0 ? T(0).Start : 0)));
}
