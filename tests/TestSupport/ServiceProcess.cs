using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TownLake.TestSupport;

/// <summary>
/// The built Catalog as a real process (API only, no UI bundle needed) over a data directory the test owns, so a test
/// can kill it (-9), stop it (SIGTERM) and start it again over the same data, and talk to it over HTTP.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private int _disposed;
    private readonly ConcurrentQueue<string> _log;

    private ServiceProcess(Process process, ConcurrentQueue<string> log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    /// <summary>Everything the process wrote so far (stdout and stderr).</summary>
    public string Log => string.Join('\n', _log);

    public bool HasExited => _process.HasExited;

    /// <summary>The process's resident memory now.</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the service over <paramref name="dataDirectory"/> with the demo off and <paramref name="settings"/> on top.</summary>
    public static async Task<ServiceProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "TownLake.Catalog.dll");
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var arguments = new List<string> { assembly, "--urls", "http://127.0.0.1:0", "--TownLake:DataDirectory=" + dataDirectory, "--TownLake:DemoWarehouse=false" };
        arguments.AddRange((settings ?? new Dictionary<string, string>()).Select(s => $"--{s.Key}={s.Value}"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Catalog.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(300));
        try
        {
            var exited = process.WaitForExitAsync(timeout.Token);
            if (await Task.WhenAny(listening.Task, exited) != listening.Task)
            {
                throw new InvalidOperationException("The Catalog stopped before listening:\n" + string.Join('\n', log));
            }

            return new ServiceProcess(process, log, await listening.Task);
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            throw;
        }

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            log.Enqueue(line);
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }
    }

    /// <summary>kill -9: no shutdown code runs, as in a power cut or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a replica; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                last = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Not ready within {timeout}: {last}\n{Log}");
    }

    /// <summary>Posts a GraphQL request and returns the whole response body with its status.</summary>
    public async Task<(int Status, JsonNode Body)> GraphQLAsync(string query, object? variables = null, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync("/graphql", new { query, variables }, cancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) ?? new JsonObject();
        return ((int)response.StatusCode, body);
    }

    /// <summary>Upserts a dataset with one column through GraphQL; true when acknowledged (no errors).</summary>
    public async Task<bool> UpsertDatasetAsync(string name, CancellationToken cancellationToken = default)
    {
        var (status, body) = await GraphQLAsync(
            "mutation($input: DatasetInput!) { upsertDataset(input: $input) { urn } }",
            new { input = new { name, platform = "duckdb", description = "reliability test " + name, columns = new[] { new { name = "id", type = "BIGINT" } } } },
            cancellationToken);
        return status == 200 && body["errors"] is null && body["data"]?["upsertDataset"]?["urn"] is not null;
    }

    /// <summary>Whether an exact-name search finds the dataset now.</summary>
    public async Task<bool> SearchFindsAsync(string name, CancellationToken cancellationToken = default)
    {
        var (_, body) = await GraphQLAsync("query($q: String!) { search(query: $q, types: [DATASET], first: 5) { results { entity { urn } } } }", new { q = name }, cancellationToken);
        var urn = "urn:tl:dataset:" + name;
        return body["data"]?["search"]?["results"]?.AsArray().Any(r => (string?)r?["entity"]?["urn"] == urn) == true;
    }

    /// <summary>Datasets the lineage walk upstream of <paramref name="urn"/> reaches, one step.</summary>
    public async Task<IReadOnlyList<string>> UpstreamAsync(string urn, CancellationToken cancellationToken = default)
    {
        var (_, body) = await GraphQLAsync("query($u: ID!) { lineage(urn: $u, direction: UPSTREAM, depth: 1) { nodes { urn } } }", new { u = urn }, cancellationToken);
        return body["data"]?["lineage"]?["nodes"]?.AsArray().Select(n => (string?)n?["urn"]).OfType<string>().Where(u => u != urn).ToList() ?? [];
    }

    /// <summary>
    /// Posts an OpenLineage COMPLETE event from <paramref name="input"/> to <paramref name="output"/> (catalog names, each in
    /// the namespace <c>duckdb://&lt;its catalog&gt;</c>, which OpenLineage naming maps straight back to that catalog name).
    /// </summary>
    public async Task<int> PostLineageAsync(string input, string output, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["eventType"] = "COMPLETE",
            ["eventTime"] = DateTimeOffset.UtcNow.ToString("O"),
            ["producer"] = "https://example.test/reliability",
            ["run"] = new JsonObject { ["runId"] = Guid.NewGuid().ToString() },
            ["job"] = new JsonObject { ["namespace"] = "reltest", ["name"] = "job_" + output.Replace('.', '_') },
            ["inputs"] = new JsonArray(new JsonObject { ["namespace"] = OwnNamespace(input), ["name"] = input }),
            ["outputs"] = new JsonArray(new JsonObject { ["namespace"] = OwnNamespace(output), ["name"] = output }),
        };
        using var response = await Http.PostAsJsonAsync("/api/v1/lineage", body, cancellationToken);
        return (int)response.StatusCode;
    }

    private static string OwnNamespace(string datasetName) => "duckdb://" + datasetName[..datasetName.IndexOf('.')];

    /// <summary>Kills the process if it still runs; safe to call twice (a scenario may end it early and still hold it in <c>await using</c>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Http.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
