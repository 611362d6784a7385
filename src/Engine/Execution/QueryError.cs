namespace TownLake.Engine.Execution;

/// <summary>A query failure: kind, message, and the 1-based line/column in the SQL when the engine reported one.</summary>
public sealed record QueryError(QueryErrorKind Kind, string Message, int? Line = null, int? Column = null);
