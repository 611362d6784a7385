using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TownLake.Engine.Tests.Connectors.Trino;

/// <summary>
/// An in-process HTTP server on 127.0.0.1 that speaks Trino's client protocol by replaying recorded QueryResults
/// documents (see Recordings/README.md): <c>POST /v1/statement</c> answers the first document, each <c>nextUri</c>
/// leads to the next one, <c>DELETE</c> on a <c>nextUri</c> cancels. The server rewrites <c>id</c>, <c>infoUri</c>
/// and <c>nextUri</c> so each run is a distinct query on this server, and records every request it receives.
/// </summary>
public sealed class TrinoTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string SqlFragment, Recording Recording)> _rules = [];
    private readonly ConcurrentDictionary<string, RunningQuery> _queries = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _queryCounter;

    private TrinoTestServer(WebApplication app) => _app = app;

    /// <summary>Root URI of the server, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Statement posts received.</summary>
    public IReadOnlyList<RecordedRequest> Posts => Requests.Where(r => r.Method == "POST").ToArray();

    public static async Task<TrinoTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TrinoTestServer(app);
        app.MapPost("/v1/statement", (Delegate)server.PostStatementAsync);
        app.MapGet("/v1/statement/{phase}/{queryId}/{slug}/{token:int}", server.GetNextAsync);
        app.MapDelete("/v1/statement/{phase}/{queryId}/{slug}/{token:int}", server.Delete);
        await app.StartAsync();
        server.BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Statements whose text contains <paramref name="sqlFragment"/> replay <paramref name="recordingFile"/>.</summary>
    public TrinoTestServer Respond(string sqlFragment, string recordingFile)
    {
        lock (_rules)
        {
            _rules.Add((sqlFragment, Recording.Load(recordingFile)));
        }
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> PostStatementAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var sql = await reader.ReadToEndAsync(context.RequestAborted);
        Record(context, sql);
        if (!context.Request.Headers.ContainsKey("X-Trino-User"))
        {
            // What a coordinator without authentication configured does when the client names no user.
            return Results.Text("Missing user name", statusCode: StatusCodes.Status401Unauthorized);
        }
        Recording? recording;
        lock (_rules)
        {
            recording = _rules.FirstOrDefault(r => sql.Contains(r.SqlFragment, StringComparison.Ordinal)).Recording;
        }
        if (recording is null)
        {
            return Results.Text($"The test server has no recording for: {sql}", statusCode: StatusCodes.Status500InternalServerError);
        }
        var id = $"20261125_000000_{Interlocked.Increment(ref _queryCounter):D5}_tlake";
        var query = new RunningQuery(id, "y" + Guid.NewGuid().ToString("N")[..8], recording);
        _queries[id] = query;
        return await ServeAsync(query, 0, context.RequestAborted);
    }

    private async Task<IResult> GetNextAsync(HttpContext context, string phase, string queryId, string slug, int token)
    {
        Record(context, body: null);
        if (!_queries.TryGetValue(queryId, out var query) || query.Slug != slug || token >= query.Recording.Steps.Count)
        {
            return Results.NotFound();
        }
        if (query.Cancelled)
        {
            return Results.StatusCode(StatusCodes.Status410Gone);
        }
        return await ServeAsync(query, token, context.RequestAborted);
    }

    private IResult Delete(HttpContext context, string phase, string queryId, string slug, int token)
    {
        Record(context, body: null);
        if (!_queries.TryGetValue(queryId, out var query) || query.Slug != slug)
        {
            return Results.NotFound();
        }
        query.Cancelled = true;
        return Results.NoContent();
    }

    private async Task<IResult> ServeAsync(RunningQuery query, int token, CancellationToken aborted)
    {
        var step = query.Recording.Steps[token];
        var failuresServed = query.FailuresServed.AddOrUpdate(token, 1, (_, served) => served + 1) - 1;
        if (failuresServed < step.TransientFailures.Count)
        {
            return Results.Text("Service temporarily unavailable", statusCode: step.TransientFailures[failuresServed]);
        }
        if (step.DelayMs > 0)
        {
            // Trino long-polls: a GET waits for new data before answering.
            await Task.Delay(step.DelayMs, aborted);
        }
        var body = step.Body.DeepClone().AsObject();
        body["id"] = query.Id;
        body["infoUri"] = new Uri(BaseUri, $"ui/query.html?{query.Id}").AbsoluteUri;
        if (body.ContainsKey("nextUri"))
        {
            // A repeating step (a query that keeps running) points back at itself.
            var next = step.Repeat ? token : token + 1;
            // Like Trino: the POST's answer points into the queue, later answers at the executing query.
            var nextPhase = token == 0 ? "queued" : "executing";
            body["nextUri"] = new Uri(BaseUri, $"v1/statement/{nextPhase}/{query.Id}/{query.Slug}/{next}").AbsoluteUri;
        }
        return Results.Text(body.ToJsonString(), "application/json", statusCode: step.Status);
    }

    private void Record(HttpContext context, string? body) => _requests.Enqueue(new RecordedRequest(
        context.Request.Method,
        context.Request.Path + context.Request.QueryString,
        context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        body));

    private sealed class RunningQuery(string id, string slug, Recording recording)
    {
        public string Id { get; } = id;

        public string Slug { get; } = slug;

        public Recording Recording { get; } = recording;

        public ConcurrentDictionary<int, int> FailuresServed { get; } = new();

        public volatile bool Cancelled;
    }
}

/// <summary>One HTTP request as the test server saw it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A recorded conversation: the QueryResults documents a coordinator sent for one statement, in order.
/// Each step may first fail transiently (e.g. 503 from a gateway), wait like Trino's long poll, or repeat forever.
/// </summary>
public sealed record Recording(string Source, IReadOnlyList<RecordingStep> Steps)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Recording Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Connectors", "Trino", "Recordings", fileName);
        var recording = JsonSerializer.Deserialize<Recording>(File.ReadAllText(path), Options)
            ?? throw new InvalidDataException($"{fileName} is empty.");
        if (recording.Steps.Count == 0)
        {
            throw new InvalidDataException($"{fileName} has no steps.");
        }
        return recording;
    }
}

/// <summary>One answer of a recording.</summary>
public sealed record RecordingStep(JsonNode Body, int Status = 200, IReadOnlyList<int>? TransientFailures = null, int DelayMs = 0, bool Repeat = false)
{
    public IReadOnlyList<int> TransientFailures { get; init; } = TransientFailures ?? [];
}
