using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TownLake.ServiceProcess;

/// <summary>
/// The built Catalog as its own process, talked to over HTTP: either as <c>dotnet run --project src/Catalog</c> runs it
/// (content root src/Catalog so the bundled UI is served, a throwaway data directory, the demo warehouse), or over a
/// data directory the caller owns with the demo off, so a test can kill it (-9), stop it (SIGTERM) and start it again
/// over the same data. Its log is kept for assertions and failure reports, and its memory is read from /proc.
/// </summary>
public sealed partial class CatalogProcess : IAsyncDisposable
{
    private int _disposed;
    private readonly Process _process;
    private readonly string? _ownedDataDirectory;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly int? _keptLogLines;
    private HttpClient? _http;

    private CatalogProcess(Process process, string? ownedDataDirectory, int? keptLogLines)
    {
        _process = process;
        _ownedDataDirectory = ownedDataDirectory;
        _keptLogLines = keptLogLines;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A client of the service (two minutes per request, for a loaded machine).</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("The Catalog is not listening yet.");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The lines the service logged (stdout and stderr), oldest first.</summary>
    public ConcurrentQueue<string> Log => _log;

    /// <summary><see cref="Log"/> as one text, for assertions on what the service logged.</summary>
    public string LogText => string.Join('\n', _log);

    /// <summary>The process's resident memory now.</summary>
    public long ResidentBytes => Memory().Rss;

    /// <summary>
    /// Starts <paramref name="assembly"/> as <c>dotnet run --project src/Catalog</c> does (demo warehouse, bundled UI,
    /// a throwaway data directory removed on disposal) and returns once it listens; throws with its log when it stops
    /// or takes longer than <paramref name="startupTimeout"/>. Only the last 200 log lines are kept.
    /// </summary>
    /// <param name="assembly">The built TownLake.Catalog.dll.</param>
    /// <param name="settings">More command-line settings (<c>--TownLake:Query:MaxRows=10</c>).</param>
    /// <param name="environment">ASPNETCORE_ENVIRONMENT of the process.</param>
    public static Task<CatalogProcess> StartAsync(
        string assembly, IEnumerable<string> settings, string environment, TimeSpan startupTimeout, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-process-" + Guid.NewGuid().ToString("N"));
        var arguments = new[] { "--TownLake:DataDirectory=" + dataDirectory, "--TownLake:DemoWarehouse=true" }.Concat(settings);
        return StartAsync(new Launch(assembly, dataDirectory, OwnsDataDirectory: true, Path.Combine(RepositoryRoot(), "src", "Catalog"), [.. arguments], environment, 200, WorkstationGc: false), startupTimeout, cancellationToken);
    }

    /// <summary>
    /// Starts the Catalog built next to this program over <paramref name="dataDirectory"/> (the caller's: it stays for a
    /// restart) with the demo off, in Production, with <paramref name="settings"/> on top; keeps the whole log.
    /// </summary>
    public static Task<CatalogProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var arguments = new[] { "--TownLake:DataDirectory=" + dataDirectory, "--TownLake:DemoWarehouse=false" }
            .Concat((settings ?? new Dictionary<string, string>()).Select(s => $"--{s.Key}={s.Value}"));
        var assembly = Path.Combine(AppContext.BaseDirectory, "TownLake.Catalog.dll");
        // Five minutes: a first start on a loaded 2-core machine (JIT, migrations, index build) can take minutes.
        return StartAsync(new Launch(assembly, dataDirectory, OwnsDataDirectory: false, dataDirectory, [.. arguments], "Production", null, WorkstationGc: true), TimeSpan.FromMinutes(5), cancellationToken);
    }

    /// <summary>The repository root: the nearest folder above the working directory or the program that holds TownLake.sln.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "TownLake.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("TownLake.sln was not found above the working directory or " + AppContext.BaseDirectory);
    }

    /// <summary>Resident and peak resident memory in bytes, from /proc/&lt;pid&gt;/status (VmRSS, VmHWM).</summary>
    public (long Rss, long Peak) Memory()
    {
        long rss = 0, peak = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line) * 1024;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kilobytes(line) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process has gone; the caller notices through HasExited.
        }

        return (rss, peak);
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
        var last = "";
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

        throw new TimeoutException($"Not ready within {timeout}: {last}\n{LogText}");
    }

    /// <summary>Posts a GraphQL request and returns the whole response body with its status.</summary>
    public async Task<(int Status, JsonNode Body)> GraphQLAsync(string query, object? variables = null, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync("/graphql", new { query, variables }, cancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) ?? new JsonObject();
        return ((int)response.StatusCode, body);
    }

    /// <summary>Kills the process if it still runs; safe to call twice (a scenario may end it early and still hold it in <c>await using</c>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _http?.Dispose();
        await KillAsync();
        _process.Dispose();
        if (_ownedDataDirectory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_ownedDataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean with the temp folder.
        }
    }

    private static async Task<CatalogProcess> StartAsync(Launch launch, TimeSpan startupTimeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(launch.DataDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = launch.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { launch.Assembly, "--urls", "http://127.0.0.1:0" }.Concat(launch.Arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = launch.Environment;
        if (launch.WorkstationGc)
        {
            // As on a small deployment: server GC's per-core heaps would make memory readings machine-dependent.
            start.Environment["DOTNET_gcServer"] = "0";
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Catalog.");
        var service = new CatalogProcess(process, launch.OwnsDataDirectory ? launch.DataDirectory : null, launch.KeptLogLines);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => service.OnLine(e.Data, listening);
        process.ErrorDataReceived += (_, e) => service.OnLine(e.Data, listening);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(startupTimeout);
        try
        {
            var first = await Task.WhenAny(listening.Task, process.WaitForExitAsync(timeout.Token));
            if (first != listening.Task)
            {
                throw new InvalidOperationException("The Catalog stopped before listening:\n" + service.LogText);
            }

            service.BaseAddress = await listening.Task;
            service._http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    private void OnLine(string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > _keptLogLines && _log.TryDequeue(out _))
        {
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    /// <summary>How one process is started: what runs, over which data, from where, and how much of its log is kept.</summary>
    private sealed record Launch(
        string Assembly, string DataDirectory, bool OwnsDataDirectory, string WorkingDirectory, IReadOnlyList<string> Arguments, string Environment, int? KeptLogLines, bool WorkstationGc);
}
