using DuckDB.NET.Data;
using TownLake.Engine.Execution;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// One embedded DuckDB with one DuckDB file ATTACHed READ_ONLY under its connection's name, kept open for many
/// statements: the PII scanner's samples and the profiler's statements over the tables of one connection. Opening a
/// database and attaching the file cost more than a small table's statement and grow with the file's table count
/// (about 4 s per ATTACH of a 1,000-table file, against tens of milliseconds for a table's statement), so work that
/// visits every table of a file pays them once per batch instead of once per statement. The session has the engine's
/// resource limits and lock-down: nothing but the attached file is readable, and nothing can change that. Statements
/// run one at a time, each result disposed before the next starts.
/// </summary>
internal sealed class DuckDbFileSession : IAsyncDisposable
{
    private readonly DuckDBConnection _duck;
    private readonly string _spill;

    private DuckDbFileSession(DuckDBConnection duck, string spill)
    {
        _duck = duck;
        _spill = spill;
    }

    /// <summary>Opens the session; throws <see cref="QueryException"/> (SourceUnavailable) when the file cannot be attached.</summary>
    public static DuckDbFileSession Open(ConnectionSettings connection, DuckDbEngineOptions options)
    {
        if (connection.Type != ConnectionType.DuckDb || connection.Path is null)
        {
            throw new QueryException(QueryErrorKind.SourceUnavailable, $"Connection '{connection.Name}' names no DuckDB file.");
        }

        var duck = new DuckDBConnection("DataSource=:memory:");
        var spill = DuckDbFederatedEngine.CreateSpillDirectory(options);
        try
        {
            duck.Open();
            DuckDbFederatedEngine.ApplyResourceLimits(duck, spill, options);
            FederatedSources.Attach(duck, connection, connection.Name);
            DuckDbFederatedEngine.LockDown(duck, []);
            return new DuckDbFileSession(duck, spill);
        }
        catch (DuckDBException ex)
        {
            duck.Dispose();
            SpillDirectory.Remove(spill);
            throw DuckDbErrors.ToQueryException(ex);
        }
        catch
        {
            duck.Dispose();
            SpillDirectory.Remove(spill);
            throw;
        }
    }

    /// <summary>
    /// Runs each item of a batch over one connection and yields its outcome as soon as it is done: through one session
    /// when the connection is a DuckDB file and <paramref name="options"/> are given (<paramref name="work"/> gets it),
    /// otherwise item by item through the engines (<paramref name="work"/> gets null). An item that fails with a
    /// <see cref="QueryException"/> yields its error and the batch goes on; a file that cannot be attached fails every
    /// item; <see cref="OperationCanceledException"/> ends the batch and closes the session.
    /// </summary>
    public static async IAsyncEnumerable<BatchOutcome<TItem, TResult>> RunBatchAsync<TItem, TResult>(
        IReadOnlyList<TItem> items,
        Func<TItem, ConnectionSettings> connectionOf,
        DuckDbEngineOptions? options,
        Func<TItem, DuckDbFileSession?, CancellationToken, Task<TResult>> work,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        where TResult : class
    {
        if (items.Count == 0)
        {
            yield break;
        }

        var connection = connectionOf(items[0]);
        if (items.Any(i => !string.Equals(connectionOf(i).Name, connection.Name, StringComparison.Ordinal)))
        {
            throw new ArgumentException("A batch reads tables of one connection.", nameof(items));
        }

        DuckDbFileSession? session = null;
        QueryException? unavailable = null;
        if (connection.Type == ConnectionType.DuckDb && options is not null)
        {
            try
            {
                session = Open(connection, options);
            }
            catch (QueryException ex)
            {
                unavailable = ex;
            }
        }

        await using (session)
        {
            foreach (var item in items)
            {
                yield return unavailable is not null
                    ? new BatchOutcome<TItem, TResult>(item, null, unavailable)
                    : await OutcomeAsync(item, () => work(item, session, cancellationToken), cancellationToken);
            }
        }
    }

    /// <summary>Starts a statement over the attached file; the result streams its rows and must be disposed before the next statement.</summary>
    public IQueryResult Execute(string sql, CancellationToken cancellationToken) => DuckDbFederatedEngine.Run(_duck, null, sql, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _duck.DisposeAsync();
        SpillDirectory.Remove(_spill);
    }

    private static async Task<BatchOutcome<TItem, TResult>> OutcomeAsync<TItem, TResult>(TItem item, Func<Task<TResult>> work, CancellationToken cancellationToken)
        where TResult : class
    {
        try
        {
            return new BatchOutcome<TItem, TResult>(item, await work(), null);
        }
        catch (QueryException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new BatchOutcome<TItem, TResult>(item, null, ex);
        }
    }
}
