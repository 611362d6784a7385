using System.Runtime.CompilerServices;
using TownLake.Engine.Execution;

namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// A statement running in Trino, streamed page by page. Disposing it (or cancelling a read) sends the DELETE
/// that stops the query in Trino.
/// </summary>
internal sealed class TrinoQueryResult : IQueryResult
{
    private readonly TrinoStatement _statement;
    private readonly TrinoSqlTranslation _translation;
    private readonly CancellationTokenSource _deadline;
    private readonly TimeSpan _timeout;
    private readonly Uri _server;

    public TrinoQueryResult(
        TrinoStatement statement, TrinoSqlTranslation translation, CancellationTokenSource deadline,
        TimeSpan timeout, Uri server)
    {
        _statement = statement;
        _translation = translation;
        _deadline = deadline;
        _timeout = timeout;
        _server = server;
        // A statement without result rows (e.g. finished before planning reported columns) still has a shape.
        Columns = (statement.Columns ?? []).Select(c => new ResultColumn(c.Name, c.TypeName)).ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<ResultColumn> Columns { get; }

    /// <summary>Trino's query id, for the Trino UI.</summary>
    public string QueryId => _statement.QueryId;

    /// <inheritdoc />
    public async IAsyncEnumerable<object?[]> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _deadline.Token);
        while (true)
        {
            TrinoPage? page;
            try
            {
                page = await _statement.ReadPageAsync(linked.Token);
            }
            catch (Exception e)
            {
                var timedOut = _deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
                var translated = TrinoQueryEngine.Translate(e, _translation, timedOut, _timeout, _server);
                if (ReferenceEquals(translated, e))
                {
                    throw;
                }
                throw translated;
            }
            if (page is null)
            {
                yield break;
            }
            foreach (var row in page.Rows)
            {
                yield return row;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _statement.DisposeAsync();
        _deadline.Dispose();
    }
}
