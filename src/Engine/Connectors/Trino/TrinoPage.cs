namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// One batch of rows from a running statement, values already converted to CLR types
/// (see <see cref="TrinoValueConverter"/>). <see cref="IsLast"/> is true when no <c>nextUri</c> follows.
/// </summary>
public sealed record TrinoPage(
    string QueryId,
    IReadOnlyList<TrinoColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    TrinoStats Stats,
    bool IsLast);
