using System.Text.Json.Nodes;
using TownLake.Engine.Execution;
using TownLake.Engine.Connectors.DuckDb;

namespace TownLake.Engine.Sql;

/// <summary>The query front's entry point: one parse of a submitted statement into a <see cref="StatementAnalysis"/>.</summary>
public sealed partial class SqlLineageAnalyzer
{
    private const string NotReadOnlyMessage =
        "Only read-only SELECT statements can be run here (DDL, DML, COPY, ATTACH, SET and the like are rejected).";

    /// <summary>
    /// Analyzes a statement submitted to run (DuckDB dialect) with exactly one parse. <paramref name="schemas"/>
    /// supplies table columns so <c>*</c> and <c>t.*</c> expand to named columns; without it they stay "all columns".
    /// Never throws for bad SQL: the reason it cannot run is <see cref="StatementAnalysis.Refusal"/>.
    /// </summary>
    public async Task<StatementAnalysis> AnalyzeStatementAsync(string sql, SqlSchemaResolver? schemas = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var start = Begin(sql);
        if (start.Done is { } done)
        {
            return done;
        }

        var parsed = await _parser.ParseAsync(start.Text, cancellationToken).ConfigureAwait(false);
        var known = new Dictionary<SqlTableName, IReadOnlyList<string>?>();
        if (schemas is not null && Root(parsed) is { } root)
        {
            foreach (var table in ParseTree.TableNamesIn(root).Distinct())
            {
                known[table] = await schemas(table, cancellationToken).ConfigureAwait(false);
            }
        }

        return Finish(sql, start, parsed, known);
    }

    /// <summary>The same analysis without schemas, synchronously (DuckDB parses in-process); for callers on a synchronous path.</summary>
    public StatementAnalysis AnalyzeStatement(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var start = Begin(sql);
        return start.Done ?? Finish(sql, start, _parser.Parse(start.Text), new Dictionary<SqlTableName, IReadOnlyList<string>?>());
    }

    private static StatementStart Begin(string sql)
    {
        var request = new SqlAnalysisRequest(sql) { Dialect = SqlDialect.DuckDb };
        var units = Split(request);
        if (units.Count == 0)
        {
            return new StatementStart(null, "", [], Refused(sql, SqlStatementKind.Other,
                new QueryError(QueryErrorKind.InvalidRequest, "The query holds no statement: write one SELECT statement.")));
        }

        // A statement with a query part (SELECT, INSERT … SELECT, CREATE … AS) is parsed at that part, so reads are
        // known even for statements that are refused; anything else is parsed whole, which tells a malformed statement
        // from a valid one that is not a SELECT, and lets DuckDB-only SELECT forms (DESCRIBE, SHOW, SUMMARIZE) through.
        var unit = units[0];
        var (text, offsets) = Render(unit.Head.Query ?? unit.Tokens);
        return new StatementStart(unit with { Count = units.Count }, text, offsets, null);
    }

    private StatementAnalysis Finish(string sql, StatementStart start, ParseOutcome parsed, IReadOnlyDictionary<SqlTableName, IReadOnlyList<string>?> schemas)
    {
        var unit = start.Unit!;
        var diagnostics = new List<SqlDiagnostic>();
        if (Root(parsed) is not { } root)
        {
            var position = parsed.ErrorPosition is { } p ? Math.Min(MapPosition(start.Offsets, p), sql.Length) : (int?)null;
            QueryError refusal;
            if (parsed.IsNotSelect)
            {
                refusal = new QueryError(QueryErrorKind.NotReadOnly, NotReadOnlyMessage);
            }
            else
            {
                diagnostics.Add(new SqlDiagnostic(SqlDiagnosticSeverity.Error, $"Could not parse the statement: {parsed.Error}", position));
                refusal = new QueryError(QueryErrorKind.InvalidSql, $"Syntax error: {parsed.Error}");
                if (position is { } at)
                {
                    var (line, column) = SqlPosition.FromOffset(sql, at);
                    refusal = new QueryError(QueryErrorKind.InvalidSql, $"Syntax error (line {line}, column {column}): {parsed.Error}", line, column);
                }
            }

            return Scanned(sql, unit, diagnostics) with { Refusal = MoreThanOne(unit) ?? refusal };
        }

        var binder = new LineageBinder(schemas, _parser.AggregateFunctions, t => t, diagnostics, SqlDialect.DuckDb);
        try
        {
            binder.BindQuery(root, null, CteEnvironment.Empty);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A parse-tree shape the binder does not handle: the statement may still run, but its reads are a token scan.
            diagnostics.Add(new SqlDiagnostic(SqlDiagnosticSeverity.Error, $"Could not bind the statement's columns: {e.Message}"));
            return Scanned(sql, unit, diagnostics) with
            {
                Kind = KindOf(unit),
                Refusal = MoreThanOne(unit) ?? NotReadOnly(unit),
                Tree = ParsedStatementReader.Read(root),
                TableFunctions = TableFunctionReader.Read(root),
            };
        }

        var datasets = binder.ColumnsRead.Select(r => new DatasetReference(r.Table, r.Columns, r.AllColumns)).ToList();
        foreach (var input in binder.Inputs.Where(i => datasets.All(d => !d.Written.Equals(i))))
        {
            // Read without naming a column (count(*), EXISTS): the table itself is still accessed.
            datasets.Add(new DatasetReference(input, [], AllColumns: false));
        }

        return new StatementAnalysis
        {
            Sql = sql,
            Kind = KindOf(unit),
            Parsed = true,
            Datasets = datasets,
            TableFunctions = TableFunctionReader.Read(root),
            Refusal = MoreThanOne(unit) ?? NotReadOnly(unit),
            Diagnostics = diagnostics,
            Tree = ParsedStatementReader.Read(root),
        };
    }

    /// <summary>The kind of a parsed statement: one DuckDB parsed whole is a SELECT, whatever its first word (DESCRIBE, SHOW, SUMMARIZE…).</summary>
    private static SqlStatementKind KindOf(StatementUnit unit) => unit.Head.Query is null ? SqlStatementKind.Select : unit.Head.Kind;

    private static QueryError? NotReadOnly(StatementUnit unit) => KindOf(unit) != SqlStatementKind.Select || Explains(unit)
        ? new QueryError(QueryErrorKind.NotReadOnly, NotReadOnlyMessage)
        : null;

    /// <summary>
    /// EXPLAIN [ANALYZE] wraps a query the head reader hands on for its reads; DuckDB itself does not serialize it as a
    /// SELECT, and EXPLAIN ANALYZE runs the statement, so it stays refused as before.
    /// </summary>
    private static bool Explains(StatementUnit unit) => unit.Tokens.FirstOrDefault(t => !t.IsTrivia)?.IsWord("EXPLAIN") == true;

    private static JsonObject? Root(ParseOutcome parsed) =>
        parsed.Statements is { Count: > 0 } statements ? statements[0]?["node"] as JsonObject : null;

    private static QueryError? MoreThanOne(StatementUnit unit) => unit.Count > 1
        ? new QueryError(QueryErrorKind.InvalidRequest, $"The query holds {unit.Count} statements; run one SELECT statement at a time.")
        : null;

    /// <summary>An analysis whose reads come from a token scan (the statement could not be bound).</summary>
    private static StatementAnalysis Scanned(string sql, StatementUnit unit, List<SqlDiagnostic> diagnostics)
    {
        var request = new SqlAnalysisRequest(sql) { Dialect = SqlDialect.DuckDb };
        var target = NameOf(unit.Head.Target, unit.Head.TargetIsPath, request);
        var read = TableLevelOnly(unit.Head.Kind, target, unit.Tokens, request, diagnostics, null);
        return new StatementAnalysis
        {
            Sql = sql,
            Kind = unit.Head.Kind,
            Parsed = false,
            Datasets = [.. read.ColumnsRead.Select(r => new DatasetReference(r.Table, r.Columns, r.AllColumns))],
            TableFunctions = [],
            Diagnostics = diagnostics,
        };
    }

    private static StatementAnalysis Refused(string sql, SqlStatementKind kind, QueryError refusal) => new()
    {
        Sql = sql,
        Kind = kind,
        Parsed = false,
        Datasets = [],
        TableFunctions = [],
        Refusal = refusal,
    };

    /// <summary>The first statement's unit and the text DuckDB parses; <see cref="Done"/> when no parse is needed.</summary>
    private sealed record StatementStart(StatementUnit? Unit, string Text, List<(int Out, int Original)> Offsets, StatementAnalysis? Done);
}
