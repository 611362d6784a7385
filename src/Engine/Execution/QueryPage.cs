namespace TownLake.Engine.Execution;

/// <summary>A slice of a run's rows.</summary>
/// <param name="Status">The run's status when the page was taken.</param>
/// <param name="Offset">0-based index of the first row.</param>
/// <param name="Rows">The rows, one value per column of <see cref="QueryStatus.Columns"/>.</param>
/// <param name="HasMore">True when rows exist (or may still arrive) after this page.</param>
public sealed record QueryPage(QueryStatus Status, int Offset, IReadOnlyList<object?[]> Rows, bool HasMore);
