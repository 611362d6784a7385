namespace TownLake.Engine.Execution;

/// <summary>
/// An executing statement's result: the columns are known up front, rows stream as CLR values
/// (<c>long</c>, <c>decimal</c>, <c>string</c>, <c>DateTime</c>, <c>null</c>…). Disposing it stops the work in the engine.
/// </summary>
public interface IQueryResult : IAsyncDisposable
{
    /// <summary>Result columns in order.</summary>
    IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>
    /// Streams the rows; each array is fresh (callers may keep it) and has one value per column.
    /// Cancelling the token interrupts the engine and ends with <see cref="OperationCanceledException"/>;
    /// engine failures surface as <see cref="QueryException"/>.
    /// </summary>
    IAsyncEnumerable<object?[]> ReadRowsAsync(CancellationToken cancellationToken);
}
