namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// A statement submitted to Trino, read page by page by following <c>nextUri</c>. Not thread-safe: one reader.
/// Disposing it before the last page sends the <c>DELETE</c> that cancels the query in Trino.
/// </summary>
public sealed class TrinoStatement : IAsyncDisposable
{
    private readonly TrinoClient _client;
    private readonly TrinoSession _session;
    private QueryResultsWire? _unread;
    private Uri? _nextUri;

    internal TrinoStatement(TrinoClient client, TrinoSession session, QueryResultsWire first)
    {
        _client = client;
        _session = session;
        _unread = first;
        _nextUri = first.NextUri;
        QueryId = first.Id ?? throw new TrinoProtocolException("Trino's first answer carries no query id.");
        InfoUri = first.InfoUri;
        Stats = TrinoStats.FromWire(first.Stats);
    }

    /// <summary>Trino's id of the query, e.g. <c>20210817_140827_00000_arvdv</c>.</summary>
    public string QueryId { get; }

    /// <summary>The query's page in the Trino UI.</summary>
    public Uri? InfoUri { get; }

    /// <summary>The result columns, known once Trino has planned the query (null before that).</summary>
    public IReadOnlyList<TrinoColumn>? Columns { get; private set; }

    /// <summary>Latest progress reported by Trino.</summary>
    public TrinoStats Stats { get; private set; }

    /// <summary>For DDL/DML, what the statement did (e.g. <c>CREATE TABLE</c>).</summary>
    public string? UpdateType { get; private set; }

    /// <summary>For DML, how many rows it changed.</summary>
    public long? UpdateCount { get; private set; }

    /// <summary>True once Trino sent a last answer (no <c>nextUri</c>), or the statement was cancelled.</summary>
    public bool IsFinished => _unread is null && _nextUri is null;

    /// <summary>
    /// The next batch of rows: follows <c>nextUri</c> past answers without data (QUEUED, PLANNING, ...) and returns
    /// the first with rows, or the last answer (possibly with no rows, <see cref="TrinoPage.IsLast"/> set).
    /// Returns null once everything was read. Throws <see cref="TrinoQueryException"/> when the query failed.
    /// If <paramref name="cancellationToken"/> fires while waiting, the query is cancelled in Trino too.
    /// </summary>
    public async Task<TrinoPage?> ReadPageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_unread is { } results)
            {
                _unread = null;
                var page = Absorb(results);
                if (page.Rows.Count > 0 || page.IsLast)
                {
                    return page;
                }
            }
            if (_nextUri is null)
            {
                return null;
            }
            await FetchAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Follows <c>nextUri</c> until Trino reports the result columns (without consuming any rows), and returns them;
    /// null when the statement ended without columns. Throws <see cref="TrinoQueryException"/> when the query failed.
    /// </summary>
    public async Task<IReadOnlyList<TrinoColumn>?> ReadColumnsAsync(CancellationToken cancellationToken)
    {
        while (Columns is null)
        {
            if (_unread is null)
            {
                if (_nextUri is null)
                {
                    return null;
                }
                await FetchAsync(cancellationToken);
                continue;
            }
            if (_unread.Error is null && _unread.Columns is { Count: > 0 } columns)
            {
                // Keep the answer unread: its rows belong to the next ReadPageAsync.
                Columns = ToColumns(columns);
                break;
            }
            var answer = _unread;
            _unread = null;
            Absorb(answer); // no columns, so no rows to lose; throws when the query failed
        }
        return Columns;
    }

    /// <summary>All remaining rows, page after page.</summary>
    public async IAsyncEnumerable<object?[]> ReadRowsAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await ReadPageAsync(cancellationToken) is { } page)
        {
            foreach (var row in page.Rows)
            {
                yield return row;
            }
        }
    }

    private async Task FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            _unread = await _client.GetAsync(_nextUri!, _session, cancellationToken);
            // Track the newest nextUri at once, so a cancel right now DELETEs the current one.
            _nextUri = _unread.Error is null ? _unread.NextUri : null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelAsync();
            throw;
        }
    }

    /// <summary>
    /// Cancels the query: <c>DELETE</c> on the current <c>nextUri</c>. Returns false when Trino could not be told
    /// (it then abandons the query on its own once nobody polls). Does nothing for a finished statement.
    /// </summary>
    public async Task<bool> CancelAsync()
    {
        var nextUri = _nextUri;
        _nextUri = null;
        _unread = null;
        return nextUri is null || await _client.DeleteAsync(nextUri, _session);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!IsFinished)
        {
            await CancelAsync();
        }
    }

    private TrinoPage Absorb(QueryResultsWire results)
    {
        if (results.Id is not null && results.Id != QueryId)
        {
            throw new TrinoProtocolException($"Trino answered for query {results.Id} while reading query {QueryId}.");
        }
        _nextUri = results.NextUri;
        Stats = TrinoStats.FromWire(results.Stats);
        UpdateType = results.UpdateType ?? UpdateType;
        UpdateCount = results.UpdateCount ?? UpdateCount;
        if (results.Error is { } error)
        {
            // A failed query has no nextUri; make sure we never poll it again whatever the server sent.
            _nextUri = null;
            throw TrinoQueryException.FromWire(QueryId, error);
        }
        if (results.Columns is { Count: > 0 } columns)
        {
            Columns = ToColumns(columns);
        }
        return new TrinoPage(QueryId, Columns ?? [], ConvertRows(results.Data), Stats, IsLast: _nextUri is null);
    }

    private static TrinoColumn[] ToColumns(IReadOnlyList<ColumnWire> columns) =>
        columns.Select(c => new TrinoColumn(c.Name, c.Type, TrinoType.FromWire(c))).ToArray();

    private object?[][] ConvertRows(IReadOnlyList<System.Text.Json.JsonElement[]>? data)
    {
        if (data is null || data.Count == 0)
        {
            return [];
        }
        var columns = Columns ?? throw new TrinoProtocolException($"Query {QueryId}: Trino sent rows before their columns.");
        var rows = new object?[data.Count][];
        for (var r = 0; r < data.Count; r++)
        {
            var values = data[r];
            if (values.Length != columns.Count)
            {
                throw new TrinoProtocolException(
                    $"Query {QueryId}: a row has {values.Length} values for {columns.Count} columns.");
            }
            var row = new object?[values.Length];
            for (var c = 0; c < values.Length; c++)
            {
                row[c] = TrinoValueConverter.Convert(values[c], columns[c].Type);
            }
            rows[r] = row;
        }
        return rows;
    }
}
