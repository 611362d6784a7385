using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TownLake.TestSupport;

/// <summary>
/// A real PostgreSQL server for tests: the one named by <c>TOWNLAKE_TEST_POSTGRES</c>, or a throwaway
/// cluster started from the local binaries (as the <c>postgres</c> user when running as root,
/// because initdb and postgres refuse to run as root).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string EnvironmentVariable = "TOWNLAKE_TEST_POSTGRES";
    private readonly string? _clusterDirectory;
    private readonly bool _asPostgresUser;
    private int _databaseCounter;
    private string? _binDirectory;
    private string? _startOptions;

    private PostgresServer(string adminConnectionString, string? clusterDirectory, bool asPostgresUser)
    {
        AdminConnectionString = adminConnectionString;
        _clusterDirectory = clusterDirectory;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>Connection string to the server's maintenance database, as a superuser.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Why no server could be had, when <see cref="StartAsync"/> returned null.</summary>
    public static string? UnavailableReason { get; private set; }

    /// <summary>
    /// Starts (or connects to) a server. Returns null when none can be had and CI is not set;
    /// under <c>CI=true</c> a missing server throws, so the PostgreSQL tests can never be skipped silently.
    /// </summary>
    public static async Task<PostgresServer?> StartAsync(CancellationToken cancellationToken = default)
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresServer(configured, null, false);
        }

        var binDirectory = FindBinaries();
        if (binDirectory is null)
        {
            return Unavailable("no PostgreSQL binaries found (looked in /usr/lib/postgresql/*/bin and PATH); set TOWNLAKE_TEST_POSTGRES");
        }

        var asPostgresUser = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        var directory = Path.Combine(Path.GetTempPath(), "townlake-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var dataDirectory = Path.Combine(directory, "data");
        var socketDirectory = Path.Combine(directory, "socket");
        Directory.CreateDirectory(socketDirectory);
        if (asPostgresUser)
        {
            await RunAsync("chown", ["-R", "postgres", directory], cancellationToken);
        }

        var port = FreePort();
        var server = new PostgresServer(
            $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Timeout=15;Command Timeout=60",
            directory,
            asPostgresUser);
        try
        {
            await server.RunPostgresToolAsync(Path.Combine(binDirectory, "initdb"),
                ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"], cancellationToken);
            server._binDirectory = binDirectory;
            server._startOptions = $"-p {port} -k {socketDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            await server.StartClusterAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            await server.DisposeAsync();
            return Unavailable("could not start a throwaway PostgreSQL cluster: " + ex.Message);
        }

        return server;
    }

    /// <summary>Creates a fresh, empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "townlake", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops a throwaway cluster (fast shutdown: connections are cut), as an outage would; <see cref="StartAgainAsync"/> brings it back.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) =>
        RunPostgresToolAsync(Path.Combine(RequireThrowaway(), "pg_ctl"), ["-D", Path.Combine(_clusterDirectory!, "data"), "-m", "fast", "-w", "stop"], cancellationToken);

    /// <summary>Starts a stopped throwaway cluster again on the same port.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        RequireThrowaway();
        NpgsqlConnection.ClearAllPools();
        return StartClusterAsync(cancellationToken);
    }

    /// <summary>Whether <see cref="StopAsync"/> can be used: only on a cluster this class started, not on TOWNLAKE_TEST_POSTGRES.</summary>
    public bool IsThrowaway => _clusterDirectory is not null && _binDirectory is not null;

    private string RequireThrowaway() =>
        IsThrowaway ? _binDirectory! : throw new InvalidOperationException("Only a throwaway cluster can be stopped and started (TOWNLAKE_TEST_POSTGRES names a shared server).");

    private Task StartClusterAsync(CancellationToken cancellationToken) =>
        RunPostgresToolAsync(Path.Combine(_binDirectory!, "pg_ctl"),
            ["-D", Path.Combine(_clusterDirectory!, "data"), "-l", Path.Combine(_clusterDirectory!, "server.log"), "-w", "-t", "60", "-o", _startOptions!, "start"], cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_clusterDirectory is null)
        {
            return;
        }

        var pidFile = Path.Combine(_clusterDirectory, "data", "postmaster.pid");
        if (File.Exists(pidFile))
        {
            var firstLine = (await File.ReadAllLinesAsync(pidFile)).FirstOrDefault();
            if (int.TryParse(firstLine, out var pid))
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    // SIGINT = PostgreSQL's fast shutdown; Kill() would leave shared memory behind.
                    await RunAsync("kill", ["-INT", pid.ToString()], CancellationToken.None);
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (ArgumentException)
                {
                    // already gone
                }
                catch (OperationCanceledException)
                {
                    await RunAsync("kill", ["-KILL", pid.ToString()], CancellationToken.None);
                }
            }
        }

        try
        {
            Directory.Delete(_clusterDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a temp directory left behind is harmless
        }
    }

    private static PostgresServer? Unavailable(string reason)
    {
        UnavailableReason = reason;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("CI=true but PostgreSQL is unavailable: " + reason);
        }

        return null;
    }

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var newest = Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", tool, .. arguments], cancellationToken)
            : RunAsync(tool, arguments, cancellationToken);

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
