using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// Client for Trino's HTTP client protocol: <c>POST /v1/statement</c> with the SQL as body, then <c>GET</c> each
/// <c>nextUri</c> until none is left; <c>DELETE</c> on the <c>nextUri</c> cancels. 429/502/503/504 are retried with
/// exponential backoff, as the protocol documentation asks of clients.
/// </summary>
/// <remarks>One instance per coordinator; it holds no per-query state and is safe to share.</remarks>
public sealed class TrinoClient
{
    private const string StatementPath = "v1/statement";

    private readonly HttpClient _http;
    private readonly TrinoClientOptions _options;
    private readonly Uri _statementUri;

    public TrinoClient(HttpClient http, TrinoClientOptions options)
    {
        options.Validate();
        _http = http;
        _options = options;
        var root = options.ServerUri.AbsoluteUri.EndsWith('/') ? options.ServerUri : new Uri(options.ServerUri.AbsoluteUri + "/");
        _statementUri = new Uri(root, StatementPath);
    }

    /// <summary>The coordinator this client talks to.</summary>
    public Uri ServerUri => _options.ServerUri;

    /// <summary>
    /// Submits <paramref name="sql"/> as <paramref name="session"/>'s user and returns the running statement;
    /// read its pages with <see cref="TrinoStatement.ReadPageAsync"/>. Dispose it to cancel what is left.
    /// </summary>
    public async Task<TrinoStatement> StartAsync(string sql, TrinoSession session, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new ArgumentException("The SQL text is empty.", nameof(sql));
        }
        ValidateSession(session);

        var results = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, _statementUri)
                {
                    Content = new StringContent(sql, Encoding.UTF8, "text/plain"),
                };
                AddSessionHeaders(request, session);
                return request;
            },
            retryDroppedConnections: false, // a POST that never answered may still have started the query
            cancellationToken);
        return new TrinoStatement(this, session, results);
    }

    /// <summary>Runs <paramref name="sql"/> to the end and returns every row; for small results such as metadata queries.</summary>
    public async Task<TrinoResult> ExecuteAsync(string sql, TrinoSession session, CancellationToken cancellationToken)
    {
        await using var statement = await StartAsync(sql, session, cancellationToken);
        var rows = new List<object?[]>();
        while (await statement.ReadPageAsync(cancellationToken) is { } page)
        {
            rows.AddRange(page.Rows);
        }
        return new TrinoResult(
            statement.QueryId, statement.Columns ?? [], rows, statement.Stats, statement.UpdateType, statement.UpdateCount);
    }

    internal Task<QueryResultsWire> GetAsync(Uri nextUri, TrinoSession session, CancellationToken cancellationToken) =>
        SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, nextUri);
                AddIdentityHeaders(request, session);
                return request;
            },
            retryDroppedConnections: true,
            cancellationToken);

    /// <summary>Best-effort DELETE of a statement; a query Trino already forgot (404/410) counts as cancelled.</summary>
    internal async Task<bool> DeleteAsync(Uri nextUri, TrinoSession session)
    {
        using var timeout = new CancellationTokenSource(_options.CancelRequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, nextUri);
            AddIdentityHeaders(request, session);
            using var response = await _http.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // The caller is already giving up on this query; Trino abandons it on its own once nobody polls.
            return false;
        }
    }

    private async Task<QueryResultsWire> SendAsync(
        Func<HttpRequestMessage> createRequest, bool retryDroppedConnections, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = createRequest();
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException) when (retryDroppedConnections && attempt < _options.MaxRetries)
            {
                await Task.Delay(Backoff(attempt, retryAfter: null), cancellationToken);
                continue;
            }
            catch (HttpRequestException e)
            {
                throw new TrinoProtocolException($"Could not reach Trino at {request.RequestUri}: {e.Message}", innerException: e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TrinoProtocolException(
                    $"Trino did not answer {request.Method} {request.RequestUri} within the HTTP client's timeout.", innerException: e);
            }

            using (response)
            {
                if (IsRetryable(response.StatusCode) && attempt < _options.MaxRetries)
                {
                    await Task.Delay(Backoff(attempt, response.Headers.RetryAfter), cancellationToken);
                    continue;
                }
                return await ReadResultsAsync(request, response, cancellationToken);
            }
        }
    }

    private static async Task<QueryResultsWire> ReadResultsAsync(
        HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var excerpt = body.Length <= 500 ? body : body[..500] + "...";
            throw new TrinoProtocolException(
                $"Trino answered {(int)response.StatusCode} {response.ReasonPhrase} to {request.Method} {request.RequestUri}: {excerpt}",
                response.StatusCode);
        }
        try
        {
            return await response.Content.ReadFromJsonAsync<QueryResultsWire>(cancellationToken)
                ?? throw new TrinoProtocolException($"Trino answered {request.RequestUri} with an empty document.");
        }
        catch (JsonException e)
        {
            throw new TrinoProtocolException(
                $"Trino's answer to {request.Method} {request.RequestUri} is not QueryResults JSON: {e.Message}", innerException: e);
        }
    }

    private static bool IsRetryable(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        var wait = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null)
            ?? _options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt, 16));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _options.MaxRetryDelay ? _options.MaxRetryDelay : wait;
    }

    private void AddSessionHeaders(HttpRequestMessage request, TrinoSession session)
    {
        AddIdentityHeaders(request, session);
        request.Headers.Add(TrinoHeaders.Source, _options.Source);
        if (session.Catalog is not null)
        {
            request.Headers.Add(TrinoHeaders.Catalog, session.Catalog);
        }
        if (session.Schema is not null)
        {
            request.Headers.Add(TrinoHeaders.Schema, session.Schema);
        }
        if (session.TimeZone is not null)
        {
            request.Headers.Add(TrinoHeaders.TimeZone, session.TimeZone);
        }
        if (session.Properties.Count > 0)
        {
            // Same encoding as trino-client: name=url-encoded value, comma separated.
            request.Headers.Add(
                TrinoHeaders.Session,
                string.Join(",", session.Properties.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
        }
        if (session.ClientTags.Count > 0)
        {
            request.Headers.Add(TrinoHeaders.ClientTags, string.Join(",", session.ClientTags));
        }
    }

    // trino-client sends the user on every request, not just the POST; gateways in front of Trino rely on it.
    private static void AddIdentityHeaders(HttpRequestMessage request, TrinoSession session)
    {
        request.Headers.Add(TrinoHeaders.User, session.User);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TownLake", "1.0"));
    }

    private static void ValidateSession(TrinoSession session)
    {
        if (string.IsNullOrWhiteSpace(session.User))
        {
            throw new ArgumentException("A Trino session needs the calling user (X-Trino-User).", nameof(session));
        }
        if (session.Schema is not null && session.Catalog is null)
        {
            throw new ArgumentException($"Schema '{session.Schema}' is set without a catalog; Trino needs both.", nameof(session));
        }
        foreach (var (name, value) in new[]
                 {
                     ("user", session.User), ("catalog", session.Catalog), ("schema", session.Schema), ("time zone", session.TimeZone),
                 })
        {
            if (value is not null && value.Any(char.IsControl))
            {
                throw new ArgumentException($"The session {name} contains control characters.", nameof(session));
            }
        }
        foreach (var (key, _) in session.Properties)
        {
            if (key.Length == 0 || key.Any(c => c is '=' or ',' || char.IsControl(c) || char.IsWhiteSpace(c)))
            {
                throw new ArgumentException($"Session property name '{key}' is not a valid Trino property name.", nameof(session));
            }
        }
    }
}
