using TownLake.Engine.Execution;

namespace TownLake.Catalog.QueryFront;

/// <summary>A page of a run's result: columns, rows (JSON-safe values), where it starts, and whether more follow.</summary>
/// <param name="Run">The run when the page was taken.</param>
/// <param name="Columns">Result columns; empty when the run failed before producing any.</param>
/// <param name="Rows">Rows, one engine value per column (written as JSON by <see cref="ResultRowsConverter"/>).</param>
/// <param name="Offset">0-based index of the first row.</param>
/// <param name="Limit">Rows asked for.</param>
/// <param name="Total">Rows in the whole result once the run has finished; null while it runs.</param>
/// <param name="HasMore">True when rows exist (or may still arrive) after this page.</param>
public sealed record ResultPageView(
    QueryRecord Run,
    IReadOnlyList<ResultColumn> Columns,
    ResultRows Rows,
    int Offset,
    int Limit,
    long? Total,
    bool HasMore);
