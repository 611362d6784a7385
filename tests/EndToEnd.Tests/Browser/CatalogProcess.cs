using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TownLake.EndToEnd.Tests.Browser;

/// <summary>
/// Runs the built Catalog exactly as <c>dotnet run --project src/Catalog</c> does (content root
/// src/Catalog, so the bundled wwwroot is served) on a free loopback port with a throwaway data
/// directory and the demo warehouse.
/// </summary>
public sealed partial class CatalogProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private CatalogProcess(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<CatalogProcess> StartAsync(CancellationToken cancellationToken)
    {
        var repository = RepositoryRoot();
        var catalogDirectory = Path.Combine(repository, "src", "Catalog");
        var assembly = Path.Combine(AppContext.BaseDirectory, "TownLake.Catalog.dll");
        if (!File.Exists(Path.Combine(catalogDirectory, "wwwroot", "ui", "index.html")))
        {
            throw new InvalidOperationException("The UI bundle is missing: build src/Catalog with npm available (see src/Catalog/Ui.targets).");
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = catalogDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assembly, "--urls", "http://127.0.0.1:0", "--TownLake:DataDirectory=" + dataDirectory, "--TownLake:DemoWarehouse=true" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Catalog.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        try
        {
            var exited = process.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(listening.Task, exited);
            if (first != listening.Task)
            {
                throw new InvalidOperationException("The Catalog stopped before listening:\n" + string.Join('\n', log));
            }

            return new CatalogProcess(process, dataDirectory, await listening.Task);
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

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TownLake.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("TownLake.sln was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
