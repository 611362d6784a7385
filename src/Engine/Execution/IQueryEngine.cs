using TownLake.Engine.Connectors;

namespace TownLake.Engine.Execution;

/// <summary>
/// Runs a statement written against catalog names. Implementations: the embedded DuckDB federated engine
/// (<c>duckdb</c>, <c>files</c>, <c>postgres</c> connections) and the Trino engine (<c>trino</c> connections).
/// </summary>
public interface IQueryEngine
{
    /// <summary>Short name used in <see cref="QueryRequest.Engine"/> and in status records (<c>duckdb</c>, <c>trino</c>).</summary>
    string Name { get; }

    /// <summary>True when this engine can read datasets of connections of <paramref name="type"/>.</summary>
    bool Supports(ConnectionType type);

    /// <summary>
    /// Validates and starts the statement. Throws <see cref="QueryException"/> for invalid SQL (with position),
    /// statements that are not read-only, unknown datasets and unreachable sources; the returned result streams rows.
    /// Cancelling the token interrupts the work.
    /// </summary>
    Task<IQueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken);
}
