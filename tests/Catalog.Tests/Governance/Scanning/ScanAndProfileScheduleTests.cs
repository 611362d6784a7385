using DuckDB.NET.Data;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Governance.Scanning;
using TownLake.Catalog.Hosting.Operations;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Profiles;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Governance.Scanning;

/// <summary>
/// The schedules of the scanner and of profiling across restarts, writes and replicas (the embedded store, and two
/// replicas on one PostgreSQL store): scans are counted by each scheduler, and the clock is a fake the test moves, so a
/// sweep happens exactly when the test says.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ScanAndProfileScheduleTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "townlake-scan-schedule-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private string SourcePath => Path.Combine(_root, "shop.duckdb");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        RunOnSource("""
            CREATE TABLE customers (id INTEGER, email VARCHAR);
            INSERT INTO customers SELECT i, 'buyer' || i || '@example.org' FROM range(1, 101) t(i);
            CREATE TABLE products (code VARCHAR, price DOUBLE);
            INSERT INTO products VALUES ('A-1', 2.5), ('B-2', 4.0);
            """);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // the index may still be closing its files; a leftover temp directory is harmless
        }

        return Task.CompletedTask;
    }

    private void RunOnSource(string sql)
    {
        using var duck = new DuckDBConnection($"DataSource={SourcePath}");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// One run of the service over a replica's data directory (a restart is a second run of the same replica), on the
    /// embedded store or, with <paramref name="postgresStore"/>, on that PostgreSQL database. Profiling's schedule is on
    /// only when <paramref name="profileSchedule"/> says so, so it never competes with the scans a test counts.
    /// </summary>
    private ServiceRun Start(string replica = "data", string? postgresStore = null, bool profileSchedule = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["TownLake:Connections:shop:Type"] = "duckdb",
            ["TownLake:Connections:shop:Path"] = SourcePath,
            ["TownLake:Governance:Scanner:SampleRows"] = "50",
            ["TownLake:Governance:Scanner:Interval"] = Interval.ToString(),
        };
        if (profileSchedule)
        {
            settings["TownLake:Profiles:Interval"] = Interval.ToString();
        }

        if (postgresStore is not null)
        {
            settings["TownLake:Store"] = "postgres";
            settings["TownLake:PostgresConnectionString"] = postgresStore;
        }

        var factory = new CatalogApiFactory(Path.Combine(_root, replica), settings: settings);
        return new ServiceRun(factory, factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock))));
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting until " + what);
            await Task.Delay(50);
        }
    }

    /// <summary>Starts the service and waits for its start-up sweep, so the fake clock is only moved once the sweep's timer exists.</summary>
    private static async Task<ScanScheduler> SweptAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> api, int sweeps = 1)
    {
        var scheduler = api.Services.GetRequiredService<ScanScheduler>();
        await EventuallyAsync(() => scheduler.Sweeps >= sweeps, $"sweep {sweeps} ran");
        return scheduler;
    }

    private static async Task IngestAsync(ServiceRun run)
    {
        using var client = run.Api.CreateClient();
        await run.Factory.DataAsync("mutation { ingestConnection(name: \"shop\") { added } }", client: client);
    }

    /// <summary>Waits for the start-up sweep, ingests the source and waits until both its tables are scanned.</summary>
    private static async Task<ScanScheduler> IngestedAndScannedAsync(ServiceRun run)
    {
        var scheduler = await SweptAsync(run.Api);
        await IngestAsync(run);
        await EventuallyAsync(() => scheduler.Completed == 2, "both tables were scanned");
        return scheduler;
    }

    [Fact]
    public async Task A_restart_with_up_to_date_scan_records_scans_nothing()
    {
        await using (var run = Start())
        {
            await IngestedAndScannedAsync(run);
        }

        _clock.Advance(TimeSpan.FromHours(1));
        await using (var restarted = Start())
        {
            var scheduler = await SweptAsync(restarted.Api);
            await Task.Delay(500);

            Assert.Equal(0, scheduler.Completed);
        }
    }

    [Fact]
    public async Task A_scan_older_than_the_interval_is_rescanned_by_the_next_sweep()
    {
        await using var run = Start();
        var scheduler = await IngestedAndScannedAsync(run);

        _clock.Advance(Interval);
        await SweptAsync(run.Api, sweeps: 2);
        await EventuallyAsync(() => scheduler.Completed == 4, "both stale tables were rescanned");
    }

    [Fact]
    public async Task Re_ingesting_rescans_at_once_only_the_table_whose_columns_changed()
    {
        await using var run = Start();
        var scheduler = await IngestedAndScannedAsync(run);

        RunOnSource("ALTER TABLE customers ADD COLUMN phone VARCHAR");
        await IngestAsync(run);
        await EventuallyAsync(() => scheduler.Completed == 3, "the changed table was rescanned");
        await Task.Delay(500);

        Assert.Equal(3, scheduler.Completed);
    }

    [Fact]
    public async Task A_restart_profiles_only_the_datasets_never_profiled_and_keeps_up_to_date_profiles()
    {
        var customers = Urn.Dataset(DatasetName.Parse("shop.main.customers"));
        var products = Urn.Dataset(DatasetName.Parse("shop.main.products"));
        DateTimeOffset profiledFirst;
        await using (var run = Start(profileSchedule: true))
        {
            await ProfileSweptAsync(run);
            await IngestAsync(run);
            var dataset = await run.Api.Services.GetRequiredService<DatasetService>().GetAsync(customers, CancellationToken.None);
            profiledFirst = (await run.Api.Services.GetRequiredService<DatasetProfiling>().ProfileAsync(dataset, CancellationToken.None)).ProfiledAt;
        }

        _clock.Advance(TimeSpan.FromHours(1));
        await using (var restarted = Start(profileSchedule: true))
        {
            await ProfileSweptAsync(restarted);
            var profiles = await restarted.Api.Services.GetRequiredService<IProfileStore>().GetProfilesAsync([customers, products], CancellationToken.None);

            Assert.Equal(profiledFirst.ToUnixTimeMilliseconds(), profiles[customers].ProfiledAt.ToUnixTimeMilliseconds());
            Assert.Equal((profiledFirst + TimeSpan.FromHours(1)).ToUnixTimeMilliseconds(), profiles[products].ProfiledAt.ToUnixTimeMilliseconds());
        }
    }

    [SkippableFact]
    public async Task Of_two_replicas_on_one_postgres_store_only_the_lease_holder_sweeps_and_each_table_is_scanned_once_per_interval()
    {
        var store = await postgres.RequireServer().CreateDatabaseAsync("scans");
        await using var first = Start("first", store);
        var firstScanner = await SweptAsync(first.Api);
        await using var second = Start("second", store);
        var secondScanner = second.Api.Services.GetRequiredService<ScanScheduler>();
        // The second replica's start-up sweep finds the lease taken and does nothing.
        await second.Api.Services.GetRequiredService<TownLake.Catalog.Stores.CatalogStoreReady>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(500);

        await IngestAsync(first);
        await EventuallyAsync(() => firstScanner.Completed + secondScanner.Completed == 2, "both tables were scanned");
        var atStart = (firstScanner.Sweeps, secondScanner.Sweeps);
        _clock.Advance(Interval);
        await EventuallyAsync(() => firstScanner.Sweeps + secondScanner.Sweeps == 2, "one replica swept after the interval");
        await EventuallyAsync(() => firstScanner.Completed + secondScanner.Completed == 4, "both stale tables were rescanned");
        await Task.Delay(500);

        Assert.Equal((1, 0), atStart);
        Assert.Equal(2, firstScanner.Sweeps + secondScanner.Sweeps);
        Assert.Equal(4, firstScanner.Completed + secondScanner.Completed);
    }

    private static Task ProfileSweptAsync(ServiceRun run)
    {
        var schedule = run.Api.Services.GetRequiredService<DatasetSchedule>();
        return EventuallyAsync(() => schedule.Sweeps(DatasetProfiling.Job) >= 1, "the start-up profile sweep ran");
    }

    /// <summary>One run of the service: the factory over the data directory and the host with the fake clock.</summary>
    private sealed record ServiceRun(CatalogApiFactory Factory, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Api) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Api.DisposeAsync();
            await Factory.DisposeAsync();
        }
    }
}
