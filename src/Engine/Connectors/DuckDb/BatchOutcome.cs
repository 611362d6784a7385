using TownLake.Engine.Execution;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>One item of a <see cref="DuckDbFileSession.RunBatchAsync"/> batch: its result, or why it failed.</summary>
internal sealed record BatchOutcome<TItem, TResult>(TItem Item, TResult? Result, QueryException? Error)
    where TResult : class;
