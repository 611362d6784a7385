using TownLake.Engine.Execution;
using TownLake.Engine.Connectors.DuckDb;

namespace TownLake.Engine.Sql;

/// <summary>
/// The one analysis of a submitted statement, made from a single parse by DuckDB's parser
/// (<see cref="SqlLineageAnalyzer.AnalyzeStatementAsync"/>). Engine selection, the read-only check, the federated
/// engine, the catalog's access check and its audit all read this record; none of them parses the statement again.
/// </summary>
public sealed record StatementAnalysis
{
    /// <summary>The statement as submitted.</summary>
    public required string Sql { get; init; }

    /// <summary>What the statement does (read at token level; DuckDB-only SELECT forms such as DESCRIBE and SHOW count as <see cref="SqlStatementKind.Select"/>).</summary>
    public required SqlStatementKind Kind { get; init; }

    /// <summary>
    /// True when DuckDB parsed the statement and its references were bound from the parse tree. False when it could
    /// not (syntax error, not a SELECT): <see cref="Datasets"/> then come from a token scan, each marked as read in full,
    /// and a cautious access rule should refuse rather than guess.
    /// </summary>
    public required bool Parsed { get; init; }

    /// <summary>
    /// Every dataset read, once each, with the columns read after resolving aliases, CTEs, subqueries, set operations,
    /// <c>USING</c>, and <c>*</c>/<c>t.*</c> (expanded when the analysis was given schemas; else <see cref="DatasetReference.AllColumns"/>).
    /// Files read by path (<c>read_csv('x.csv')</c>) are listed with <see cref="SqlTableName.IsPath"/> set.
    /// </summary>
    public required IReadOnlyList<DatasetReference> Datasets { get; init; }

    /// <summary>Every table function the statement calls (<c>read_csv</c>, <c>range</c>, <c>query_table</c>, <c>glob</c>…), in order of appearance.</summary>
    public required IReadOnlyList<TableFunctionCall> TableFunctions { get; init; }

    /// <summary>
    /// Why the statement cannot run as one read-only query, null when it can: <see cref="QueryErrorKind.InvalidSql"/>
    /// with the line and column of a syntax error, <see cref="QueryErrorKind.NotReadOnly"/>, or
    /// <see cref="QueryErrorKind.InvalidRequest"/> for an empty text or several statements.
    /// </summary>
    public QueryError? Refusal { get; init; }

    /// <summary>Warnings and errors met while analyzing (unsupported constructs, unknown columns, the parse error).</summary>
    public IReadOnlyList<SqlDiagnostic> Diagnostics { get; init; } = [];

    /// <summary>True when the statement is one SELECT that DuckDB parsed, i.e. it may run.</summary>
    public bool IsReadOnly => Refusal is null;

    /// <summary>The parse tree facts the federated engine needs (aliases, mentioned names, pushable filters); null when not parsed.</summary>
    internal ParsedStatement? Tree { get; init; }

    /// <summary>Throws the <see cref="Refusal"/> as a <see cref="QueryException"/> when there is one.</summary>
    public void EnsureRunnable()
    {
        if (Refusal is { } refusal)
        {
            throw new QueryException(refusal);
        }
    }
}

/// <summary>A dataset a statement reads: its name as written, and the columns read.</summary>
/// <param name="Written">The name as the statement spells it (<c>shop.customers</c>, <c>"Shop"."Main"."Orders"</c> unquoted), or a file path.</param>
/// <param name="Columns">Columns read, sorted; empty with <paramref name="AllColumns"/> when every column is (or may be) read.</param>
/// <param name="AllColumns">True for <c>*</c> without a known schema, whole-row references and unparsed statements.</param>
public sealed record DatasetReference(SqlTableName Written, IReadOnlyList<string> Columns, bool AllColumns)
{
    /// <summary>
    /// The name resolved the way the query engines resolve it: <c>connection.schema.table</c>, where a two-part name is
    /// <c>connection.table</c> in schema <c>main</c>. Null for one-part names (no connection) and file paths.
    /// </summary>
    public SqlTableName? Resolved => Resolve(Written);

    /// <summary>Resolves a written name as <see cref="Resolved"/> does (for schema lookups before the analysis exists).</summary>
    public static SqlTableName? Resolve(SqlTableName written) => written switch
    {
        { IsPath: true } => null,
        { Catalog: { } catalog } => new SqlTableName(catalog, written.Schema ?? DefaultSchema, written.Name),
        { Schema: { } connection } => new SqlTableName(connection, DefaultSchema, written.Name),
        _ => null,
    };

    /// <summary>The schema DuckDB (and every TownLake connection) uses when a name leaves it out.</summary>
    public const string DefaultSchema = "main";
}

/// <summary>A table function called in a FROM clause, e.g. <c>read_csv('/data/x.csv', header = true)</c>.</summary>
/// <param name="Name">Function name, lower case, schema-qualified when written so (<c>main.range</c>).</param>
/// <param name="Arguments">
/// One entry per argument, in order: the literal's text (<c>/data/x.csv</c>, <c>42</c>), a list of literals as
/// <c>[a, b]</c>, a named parameter as <c>name=value</c>; null where the argument is not a literal (a column, a subquery…).
/// </param>
public sealed record TableFunctionCall(string Name, IReadOnlyList<string?> Arguments);
