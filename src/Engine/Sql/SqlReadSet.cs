namespace TownLake.Engine.Sql;

/// <summary>
/// The tables and columns a statement reads, for access checks before running it. When
/// <see cref="Complete"/> is false the statement could not be fully analyzed: the tables listed come from a
/// token scan and are marked as read in full, and a cautious caller should deny rather than guess.
/// </summary>
public sealed record SqlReadSet(IReadOnlyList<TableColumnsRead> Tables, bool Complete, IReadOnlyList<SqlDiagnostic> Diagnostics);
