using System.Globalization;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Execution;
using TownLake.Engine.Sql;

namespace TownLake.Engine.Sampling;

/// <summary>
/// Reads a bounded sample of one table through the same query engines the query front uses (embedded DuckDB for
/// <c>duckdb</c>, <c>files</c> and <c>postgres</c> connections, Trino for <c>trino</c>), as text by column. It runs the
/// engine directly, not through <see cref="QueryRunner"/>, so no sampled row is retained for paging: the caller holds
/// the only copy and drops it once classified.
/// </summary>
/// <remarks>
/// The sample is the first rows the source returns (<c>LIMIT n</c>), not a random draw: a random sample would make the
/// engine read the whole table (and stream a whole PostgreSQL table into DuckDB), and a bounded cost per table matters
/// more for a scanner that visits every table than an unbiased draw.
/// </remarks>
public sealed class TableSampler
{
    private readonly IReadOnlyList<IQueryEngine> _engines;
    private readonly SqlLineageAnalyzer _analyzer;

    /// <param name="engines">Engines in order of preference; the first that supports the connection's type reads it.</param>
    /// <param name="analyzer">Analyzes the sampling statement (engines read the analysis, never the text).</param>
    public TableSampler(IEnumerable<IQueryEngine> engines, SqlLineageAnalyzer analyzer)
    {
        _engines = engines.ToList();
        if (_engines.Count == 0)
        {
            throw new ArgumentException("A table sampler needs at least one query engine.", nameof(engines));
        }

        _analyzer = analyzer;
    }

    /// <summary>
    /// Samples the table. Throws <see cref="QueryException"/> when the table cannot be read (unknown table, source
    /// down, <see cref="QueryErrorKind.Timeout"/> past the request's timeout), <see cref="ArgumentException"/> for an
    /// unusable request, and <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task<TableSample> SampleAsync(SampleRequest request, CancellationToken cancellationToken)
    {
        request.Validate();
        var engine = _engines.FirstOrDefault(e => e.Supports(request.Connection.Type))
            ?? throw new QueryException(QueryErrorKind.InvalidRequest, $"No query engine reads connections of type '{request.Connection.Type}'.");
        var sql = Sql(request);
        var query = new QueryRequest(sql, [request.Connection], new QueryLimits(request.Rows, request.Timeout, request.MaxBytes), engine.Name)
        {
            Analysis = _analyzer.AnalyzeStatement(sql),
        };

        using var timeout = new CancellationTokenSource(request.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await using var result = await engine.ExecuteAsync(query, linked.Token);
            return await ReadAsync(result, request, linked.Token);
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && ex is OperationCanceledException or QueryException)
        {
            throw TimedOut(request, ex);
        }
    }

    /// <summary>
    /// Samples many tables of one connection, yielding each table's sample as soon as it is read so the caller holds
    /// one sample at a time. A DuckDB file is attached once for the whole batch (see <see cref="DuckDbFileSession"/>);
    /// other sources are read table by table through their engine. A table that cannot be read yields its error and
    /// the batch goes on; <see cref="OperationCanceledException"/> ends it.
    /// </summary>
    public async IAsyncEnumerable<SampleOutcome> SampleManyAsync(IReadOnlyList<SampleRequest> requests, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var request in requests)
        {
            request.Validate();
        }

        var duckDb = _engines.OfType<DuckDbFederatedEngine>().FirstOrDefault();
        await foreach (var outcome in DuckDbFileSession.RunBatchAsync(requests, r => r.Connection, duckDb?.Options, SampleAsync, cancellationToken))
        {
            yield return new SampleOutcome(outcome.Item, outcome.Result, outcome.Error);
        }
    }

    private async Task<TableSample> SampleAsync(SampleRequest request, DuckDbFileSession? session, CancellationToken cancellationToken)
    {
        if (session is null)
        {
            return await SampleAsync(request, cancellationToken);
        }

        using var timeout = new CancellationTokenSource(request.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await using var result = session.Execute(Sql(request), linked.Token);
            return await ReadAsync(result, request, linked.Token);
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or QueryException)
        {
            throw TimedOut(request, ex);
        }
    }

    private static QueryException TimedOut(SampleRequest request, Exception inner) => new(QueryErrorKind.Timeout,
        $"Sampling {request.Connection.Name}.{request.Schema}.{request.Table} took longer than {request.Timeout.TotalSeconds:0.###} s and was stopped.", inner);

    private static Task<TableSample> ReadAsync(IQueryResult result, SampleRequest request, CancellationToken cancellationToken) =>
        CollectAsync(result.Columns, result.ReadRowsAsync(cancellationToken), request, cancellationToken);

    /// <summary>Turns rows into text by column, up to the request's row count and byte budget.</summary>
    internal static async Task<TableSample> CollectAsync(IReadOnlyList<ResultColumn> columns, IAsyncEnumerable<object?[]> rowsRead, SampleRequest request, CancellationToken cancellationToken)
    {
        var values = new List<string?>[columns.Count];
        var nonText = new int[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            values[c] = new List<string?>(Math.Min(request.Rows, 4_096));
        }

        var rows = 0;
        long bytes = 0;
        var stoppedAtBudget = false;
        await foreach (var row in rowsRead.WithCancellation(cancellationToken))
        {
            if (rows == request.Rows)
            {
                break;
            }

            long rowBytes = 0;
            var texts = new string?[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                var text = SampleText.Of(row[c], columns[c].Type, request.MaxValueChars, out var isText);
                if (!isText)
                {
                    nonText[c]++;
                }

                texts[c] = text;
                rowBytes += text is null ? 0 : 2L * text.Length;
            }

            if (bytes + rowBytes > request.MaxBytes)
            {
                stoppedAtBudget = true;
                break;
            }

            bytes += rowBytes;
            for (var c = 0; c < columns.Count; c++)
            {
                values[c].Add(texts[c]);
            }

            rows++;
        }

        var sampled = new SampledColumn[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            sampled[c] = new SampledColumn(columns[c].Name, columns[c].Type, values[c], nonText[c]);
        }

        return new TableSample(sampled, rows, stoppedAtBudget);
    }

    private static string Sql(SampleRequest request) =>
        $"SELECT * FROM {Quote(request.Connection.Name)}.{Quote(request.Schema)}.{Quote(request.Table)} LIMIT {request.Rows.ToString(CultureInfo.InvariantCulture)}";

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
