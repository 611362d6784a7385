using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TownLake.DosBench;

/// <summary>
/// The built Catalog as its own process, as <c>dotnet run --project src/Catalog</c> runs it: content root src/Catalog,
/// a free loopback port, a throwaway data directory and the demo warehouse. Its memory is read from /proc.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private ServiceProcess(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the service logged, for a report when it died.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public static async Task<ServiceProcess> StartAsync(string assembly, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-dosbench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(TownLake.Bench.RunProvenance.RepositoryRoot(), "src", "Catalog"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assembly, "--urls", "http://127.0.0.1:0", "--TownLake:DataDirectory=" + dataDirectory, "--TownLake:DemoWarehouse=true" }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Catalog.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new ServiceProcess(process, dataDirectory, new Uri("http://127.0.0.1/"));
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            var first = await Task.WhenAny(listening.Task, process.WaitForExitAsync(timeout.Token));
            if (first != listening.Task)
            {
                throw new InvalidOperationException("The Catalog stopped before listening:\n" + string.Join('\n', service.Log));
            }

            var started = new ServiceProcess(process, dataDirectory, await listening.Task);
            foreach (var line in service.Log)
            {
                started.Log.Enqueue(line);
            }

            process.OutputDataReceived += (_, e) => Keep(started.Log, e.Data);
            process.ErrorDataReceived += (_, e) => Keep(started.Log, e.Data);
            return started;
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
            Keep(service.Log, line);
            if (line is not null && ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }
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

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    private static void Keep(ConcurrentQueue<string> log, string? line)
    {
        if (line is null)
        {
            return;
        }

        log.Enqueue(line);
        while (log.Count > 200 && log.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean with the temp folder.
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
