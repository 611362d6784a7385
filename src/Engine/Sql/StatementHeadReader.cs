namespace TownLake.Engine.Sql;

/// <summary>
/// Reads the head of a statement (CREATE TABLE … AS, CREATE VIEW, INSERT, MERGE, UPDATE, COPY, LOAD DATA,
/// IMPORT/EXPORT TABLE) from tokens and hands back the query part. DuckDB's <c>json_serialize_sql</c> reads
/// only SELECT statements, so this step finds the target name and cuts out (or, for MERGE and UPDATE,
/// assembles) the SELECT; every expression inside is still parsed by DuckDB.
/// </summary>
internal sealed partial class StatementHeadReader
{
    private static readonly HashSet<string> QueryStarters = new(StringComparer.OrdinalIgnoreCase) { "SELECT", "WITH", "VALUES", "FROM", "TABLE" };
    private static readonly HashSet<string> TableModifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "OR", "REPLACE", "TEMP", "TEMPORARY", "GLOBAL", "LOCAL", "EXTERNAL", "TRANSIENT", "UNLOGGED", "VOLATILE",
        "MULTISET", "MATERIALIZED", "SECURE", "RECURSIVE", "TRANSACTIONAL", "FORCE",
    };

    private readonly SqlTokenCursor _c;

    private StatementHeadReader(IReadOnlyList<SqlToken> tokens) => _c = new SqlTokenCursor(tokens);

    /// <summary>
    /// Reads the statement's head. A Hive multi-insert (<c>FROM src INSERT … SELECT … INSERT … SELECT …</c>)
    /// yields one head per INSERT branch; every other statement yields exactly one.
    /// </summary>
    public static IReadOnlyList<StatementHead> Read(IReadOnlyList<SqlToken> tokens) => new StatementHeadReader(tokens).ReadAll();

    private IReadOnlyList<StatementHead> ReadAll()
    {
        if (_c.Count > 0 && T(0).IsWord("FROM") && FindTopLevel(0, s => Word(s, "INSERT")) is { } firstInsert)
        {
            var heads = new List<StatementHead>();
            for (int? insertAt = firstInsert; insertAt is not null; insertAt = FindTopLevel(insertAt.Value + 1, s => Word(s, "INSERT")))
            {
                heads.Add(ReadFromFirstInsert(insertAt.Value));
            }

            return heads;
        }

        if (_c.Count > 2 && IsMultiTableInsert())
        {
            return ReadMultiTableInsert();
        }

        return [Read()];
    }

    private SqlToken T(int s) => _c[s];

    private bool Word(int s, string word) => _c.Word(s, word);

    private bool Symbol(int s, string symbol) => _c.Symbol(s, symbol);

    private StatementHead Read()
    {
        if (_c.Count == 0)
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

            return new StatementHead(SqlStatementKind.Select) { Query = Slice(0, _c.Count) };
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
            "EXPLAIN" when _c.Count > 1 => new StatementHead(SqlStatementKind.Select) { Query = Slice(1, _c.Count) },
            _ => new StatementHead(SqlStatementKind.Other),
        };
    }

    private StatementHead ReadCreate()
    {
        var s = 1;
        while (s < _c.Count && TableModifiers.Contains(T(s).Text))
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

        return new StatementHead(kind) { Target = target, TargetColumns = columns, Query = Slice(asAt.Value + 1, _c.Count) };
    }

    /// <summary>
    /// One branch of Hive's <c>FROM src INSERT OVERWRITE TABLE t SELECT a WHERE …</c>: DuckDB reads FROM-first
    /// queries, so the query is the FROM clause plus the SELECT that follows this INSERT head, up to the next one.
    /// </summary>
    private bool IsQueryStart(int s) =>
        s < _c.Count && ((T(s).Kind == SqlTokenKind.Word && QueryStarters.Contains(T(s).Text) && !T(s).IsWord("TABLE"))
            || (T(s).IsSymbol("(") && IsQueryStart(s + 1)));

    /// <summary>Reads a dotted name; returns its unquoted parts and the index after it.</summary>
    private (IReadOnlyList<string>? Parts, int Next) ReadName(int s) => _c.ReadName(s);

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

    private List<(int Start, int End)> SplitTopLevel(int start, int end) => _c.SplitTopLevel(start, end);

    private int MatchingParen(int open) => _c.Close(open);

    private int? FindTopLevel(int start, Func<int, bool> match) => _c.FindTopLevel(start, match);

    /// <summary>Tokens from significant index <paramref name="start"/> up to (not including) <paramref name="end"/>, trivia kept.</summary>
    private List<SqlToken> Slice(int start, int end) => _c.Slice(start, end);

    private void Append(List<SqlToken> tokens, string text) =>
        tokens.Add(new SqlToken(SqlTokenKind.Whitespace, text, tokens.Count > 0 ? tokens[^1].Start : (_c.Count > 0 ? T(0).Start : 0)));
}
