namespace TownLake.Engine.Sql;

/// <summary>
/// The head of a statement, read at token level: what kind it is, what it writes, and the query part
/// (as tokens, possibly synthesized for MERGE/UPDATE) that DuckDB's parser then reads.
/// </summary>
internal sealed record StatementHead(SqlStatementKind Kind)
{
    public IReadOnlyList<string>? Target { get; init; }

    public bool TargetIsPath { get; init; }

    /// <summary>Explicit target columns (INSERT column list, CREATE … (a, b) AS), matched to query outputs by position.</summary>
    public IReadOnlyList<string>? TargetColumns { get; init; }

    /// <summary>
    /// The target's <c>PARTITION (…)</c> columns in clause order (Hive, Spark): a static one (<c>ds='2024-01-01'</c>) takes a
    /// constant and no query column; the dynamic ones (<c>ds</c>) take the query's last columns, in this order.
    /// </summary>
    public IReadOnlyList<PartitionColumn> Partition { get; init; } = [];

    /// <summary>The SELECT-shaped query to parse; null when the statement has none (DDL, plain COPY).</summary>
    public IReadOnlyList<SqlToken>? Query { get; init; }

    /// <summary>For COPY-like statements without a query: the table or path whose columns are moved.</summary>
    public IReadOnlyList<string>? Source { get; init; }

    public bool SourceIsPath { get; init; }
}

/// <summary>One column of an INSERT's <c>PARTITION (…)</c> clause; <see cref="IsStatic"/> when it is given a value there.</summary>
internal sealed record PartitionColumn(string Name, bool IsStatic);
