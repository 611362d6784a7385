using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TownLake.ServiceProcess;

/// <summary>
/// The built Catalog as its own process, as <c>dotnet run --project src/Catalog</c> runs it: content root src/Catalog
/// (so the bundled wwwroot is served), a free loopback port, a throwaway data directory and the demo warehouse. Its
/// last log lines are kept for a report when it dies, and its memory is read from /proc.
/// </summary>
public sealed partial class CatalogProcess : IAsyncDisposable
{
    private const int KeptLogLines = 200;
    private readonly Process _process;
    private readonly string _dataDirectory;

    private CatalogProcess(Process process, string dataDirectory)
    {
        _process = process;
        _dataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the service logged.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Starts <paramref name="assembly"/> and returns once it listens; throws with its log when it stops or takes longer than <paramref name="startupTimeout"/>.</summary>
    /// <param name="assembly">The built TownLake.Catalog.dll.</param>
    /// <param name="settings">More command-line settings (<c>--TownLake:Query:MaxRows=10</c>).</param>
    /// <param name="environment">ASPNETCORE_ENVIRONMENT of the process.</param>
    public static async Task<CatalogProcess> StartAsync(
        string assembly, IEnumerable<string> settings, string environment, TimeSpan startupTimeout, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-process-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot(), "src", "Catalog"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assembly, "--urls", "http://127.0.0.1:0", "--TownLake:DataDirectory=" + dataDirectory, "--TownLake:DemoWarehouse=true" }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Catalog.");
        var service = new CatalogProcess(process, dataDirectory);
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
                throw new InvalidOperationException("The Catalog stopped before listening:\n" + string.Join('\n', service.Log));
            }

            service.BaseAddress = await listening.Task;
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
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

    private void OnLine(string? line, TaskCompletionSource<Uri> listening)
    {
        if (line is null)
        {
            return;
        }

        Log.Enqueue(line);
        while (Log.Count > KeptLogLines && Log.TryDequeue(out _))
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
}
