namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>A table named in a statement (<c>catalog.schema.table AS alias</c>); CTE references are left out.</summary>
internal sealed record TableReference(string? Catalog, string? Schema, string Name, string? Alias);

/// <summary>A top-level <c>WHERE</c> conjunct comparing one column with one literal, e.g. <c>c.region = 'EU'</c>.</summary>
/// <param name="Qualifier">Table alias or name before the column, null when unqualified.</param>
/// <param name="Column">Column name, lower-case.</param>
/// <param name="Operator">SQL operator (<c>=</c>, <c>&lt;&gt;</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>) with the column on the left.</param>
/// <param name="LiteralType">DuckDB type id of the literal (<c>VARCHAR</c>, <c>INTEGER</c>, <c>DECIMAL</c>…).</param>
/// <param name="Literal">The literal as text, invariant culture.</param>
internal sealed record ColumnFilter(string? Qualifier, string Column, string Operator, string LiteralType, string Literal);

/// <summary>What the engine needs to know about a read-only statement: the tables it reads, the column names it mentions, its pushable filters.</summary>
/// <param name="Tables">Every table reference (one per occurrence).</param>
/// <param name="ColumnNames">Every identifier part of every column reference, lower-case (a superset of the columns read).</param>
/// <param name="BareNames">Column references written as one identifier (<c>id</c>, or a table alias standing for its whole row).</param>
/// <param name="StarQualifiers">Qualifiers of <c>*</c> expressions; an empty string stands for an unqualified <c>*</c> (every table).</param>
/// <param name="Filters">Top-level <c>WHERE</c> conjuncts that compare a column with a literal.</param>
internal sealed record ParsedStatement(
    IReadOnlyList<TableReference> Tables,
    IReadOnlySet<string> ColumnNames,
    IReadOnlySet<string> BareNames,
    IReadOnlySet<string> StarQualifiers,
    IReadOnlyList<ColumnFilter> Filters)
{
    /// <summary>Names of the table functions called in FROM clauses (<c>range</c>, <c>read_csv</c>…), as written.</summary>
    public IReadOnlyList<string> TableFunctions { get; init; } = [];

    /// <summary>Names of every function called (scalar, aggregate and table functions).</summary>
    public IReadOnlyList<string> Functions { get; init; } = [];

    /// <summary>Rows a copy of the single table read needs at most (<c>LIMIT n OFFSET m</c> of a plain statement, see <see cref="RowLimitReader"/>).</summary>
    public long? RowLimit { get; init; }

    /// <summary>Top-level <c>WHERE</c> conjuncts in all; the row limit applies to a copy only when every one of them was pushed.</summary>
    public int WhereConjuncts { get; init; }
}
