using System.Globalization;
using TownLake.Engine.Connectors;
using TownLake.Engine.Execution;

namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// Runs statements on a Trino cluster for <c>trino</c> connections. Dataset names <c>{connection}.{schema}.{table}</c>
/// are rewritten to <c>{Catalog}.{schema}.{table}</c> (see <see cref="TrinoConnection"/>); the statement runs as the
/// calling user (<c>X-Trino-User</c>) so Trino's own access control applies.
/// </summary>
public sealed class TrinoQueryEngine : IQueryEngine
{
    private readonly HttpClient _http;

    /// <param name="http">Shared HTTP client; its handler is where tests plug in and where TLS/proxy settings go.</param>
    public TrinoQueryEngine(HttpClient http) => _http = http;

    /// <inheritdoc />
    public string Name => "trino";

    /// <inheritdoc />
    public bool Supports(ConnectionType type) => type == ConnectionType.Trino;

    /// <summary>
    /// Starts the statement as the request's caller (<see cref="QueryRequest.Caller"/>; none: the connection's service
    /// user) and waits until Trino knows the result columns. Throws <see cref="QueryException"/> for refused or failing
    /// statements, with the line/column of Trino's <c>errorLocation</c> translated back to the text the user wrote.
    /// </summary>
    public async Task<IQueryResult> ExecuteAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Sql))
        {
            throw new QueryException(QueryErrorKind.InvalidRequest, "The statement is empty.");
        }

        request.Caller?.EnsureValid();
        var translation = TrinoSqlTranslator.Translate(request.Sql, request.Connections);
        var connection = translation.Connections[0];
        var limits = request.EffectiveLimits;
        var session = new TrinoSession(request.Caller?.User ?? connection.ServiceUser)
        {
            // Trino enforces the same limit on its side, so a lost client cannot leave the query running.
            Properties = new Dictionary<string, string>
            {
                ["query_max_run_time"] = $"{Math.Max(1, (long)limits.Timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms",
            },
        };

        var client = new TrinoClient(_http, connection.ClientOptions);
        var deadline = new CancellationTokenSource(limits.Timeout);
        TrinoStatement? statement = null;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            statement = await client.StartAsync(translation.Sql, session, linked.Token);
            // The port promises columns up front: follow the statement until Trino has planned it.
            await statement.ReadColumnsAsync(linked.Token);
            return new TrinoQueryResult(statement, translation, deadline, limits.Timeout, connection.ServerUri);
        }
        catch (Exception e)
        {
            var timedOut = deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            if (statement is not null)
            {
                await statement.DisposeAsync();
            }
            deadline.Dispose();
            var translated = Translate(e, translation, timedOut, limits.Timeout, connection.ServerUri);
            if (ReferenceEquals(translated, e))
            {
                throw;
            }
            throw translated;
        }
    }

    internal static Exception Translate(Exception error, TrinoSqlTranslation translation, bool timedOut, TimeSpan timeout, Uri server) => error switch
    {
        OperationCanceledException when timedOut => TrinoErrors.TimedOut(timeout, error),
        TrinoQueryException failure => TrinoErrors.ToQueryException(failure, translation),
        TrinoProtocolException broken => TrinoErrors.Unavailable(broken, server),
        _ => error,
    };
}
