namespace TownLake.Engine.Connectors.Trino;

/// <summary>A statement run to completion: its columns, all rows, final stats and, for DDL/DML, what it did.</summary>
public sealed record TrinoResult(
    string QueryId,
    IReadOnlyList<TrinoColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    TrinoStats Stats,
    string? UpdateType,
    long? UpdateCount);
