using Microsoft.Extensions.Logging.Abstractions;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Hosting.Operations;
using TownLake.Catalog.Stores;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>
/// What the record of scheduled per-dataset work (<see cref="IDatasetWorkLog"/>) must keep, and how
/// <see cref="DatasetSchedule"/> decides from it what a sweep does: nothing up to date after a restart, a dataset
/// again when its columns change or its record is older than the interval, and sweeps only on the lease holder among
/// replicas sharing the store. The clock is the store's manual clock, so time passes only when a test says.
/// </summary>
public abstract class DatasetScheduleContract(IStoreDatabase database) : StoreContract(database)
{
    private const string Job = "pii-scan";
    private static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    private DatasetSchedule Replica(IDatasetWorkLog log, IDatasetBrowseStore browse, TownLake.Catalog.Stores.ChangeLog.IJobLeases leases) =>
        new(log, browse, new ReplicaLeases(leases, Clock, NullLogger<ReplicaLeases>.Instance), new CatalogStoreReady(), Clock, NullLogger<DatasetSchedule>.Instance);

    private DatasetSchedule Replica() => Replica(WorkLog, Browse, Leases);

    /// <summary>Runs one sweep of the lake connection; returns the datasets it handed out (null when this replica does not hold the lease).</summary>
    private static async Task<List<string>?> SweepAsync(DatasetSchedule schedule)
    {
        var done = new List<string>();
        var swept = await schedule.SweepAsync(Job, ["lake"], Interval, (dataset, _) =>
        {
            done.Add(dataset.Name);
            return Task.CompletedTask;
        }, None);
        return swept ? done : null;
    }

    private async Task<Dataset> SaveLakeTableAsync(string table, params string[] columns) =>
        (await SaveAsync(NewDataset("lake.main." + table, columns))).Entity;

    [SkippableFact]
    public async Task A_recorded_run_reads_back_per_job_and_a_newer_one_replaces_it()
    {
        var urn = DatasetUrn("lake.main.orders");
        var at = Clock.GetUtcNow();
        await WorkLog.RecordDatasetWorkAsync(Job, new DatasetWorkRecord(urn, 1, at), None);
        await WorkLog.RecordDatasetWorkAsync(Job, new DatasetWorkRecord(urn, 3, at.AddHours(2)), None);
        await WorkLog.RecordDatasetWorkAsync("profile", new DatasetWorkRecord(urn, 2, at.AddHours(1)), None);

        var scans = await WorkLog.GetDatasetWorkAsync(Job, [urn], None);
        var profiles = await WorkLog.GetDatasetWorkAsync("profile", [urn], None);

        Assert.Equal(new DatasetWorkRecord(urn, 3, at.AddHours(2)), scans[urn]);
        Assert.Equal(new DatasetWorkRecord(urn, 2, at.AddHours(1)), profiles[urn]);
    }

    [SkippableFact]
    public async Task Records_of_many_datasets_are_read_at_once_and_datasets_never_done_are_absent()
    {
        var urns = Enumerable.Range(0, 520).Select(i => DatasetUrn($"lake.s.t{i:D3}")).ToList();
        foreach (var urn in urns.Where((_, i) => i % 2 == 0))
        {
            await WorkLog.RecordDatasetWorkAsync(Job, new DatasetWorkRecord(urn, 1, Clock.GetUtcNow()), None);
        }

        var read = await WorkLog.GetDatasetWorkAsync(Job, urns, None);

        Assert.Equal(260, read.Count);
        Assert.True(read.ContainsKey(urns[518]));
        Assert.False(read.ContainsKey(urns[519]));
        Assert.Empty(await WorkLog.GetDatasetWorkAsync(Job, [], None));
    }

    [SkippableFact]
    public async Task A_sweep_hands_out_datasets_never_done_and_after_a_restart_nothing_up_to_date()
    {
        var orders = await SaveLakeTableAsync("orders", "id", "email");
        var refunds = await SaveLakeTableAsync("refunds", "id", "amount");
        var before = Replica();

        var first = await SweepAsync(before);
        await before.RecordAsync(Job, orders.Urn, orders.SchemaVersion, None);
        await before.RecordAsync(Job, refunds.Urn, refunds.SchemaVersion, None);
        Clock.Advance(Interval - TimeSpan.FromMinutes(1));
        var restarted = Database.Reopen();
        try
        {
            var afterRestart = await SweepAsync(Replica(restarted, restarted, restarted));

            Assert.Equal(["lake.main.orders", "lake.main.refunds"], first);
            Assert.Equal([], afterRestart);
        }
        finally
        {
            if (restarted is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task A_dataset_whose_columns_changed_since_its_last_scan_is_due_again()
    {
        var orders = await SaveLakeTableAsync("orders", "id", "email");
        var schedule = Replica();
        await schedule.RecordAsync(Job, orders.Urn, orders.SchemaVersion, None);
        var unchanged = await schedule.DueAsync(Job, [orders], Interval, None);

        var widened = (await SaveAsync(orders with { SchemaVersion = orders.SchemaVersion + 1, Columns = [.. orders.Columns, new SchemaField { Name = "phone", NativeType = "VARCHAR", Ordinal = 3 }] })).Entity;

        Assert.Empty(unchanged);
        Assert.Equal(["lake.main.orders"], await SweepAsync(schedule));
        Assert.Equal([widened.Urn], (await schedule.DueAsync(Job, [widened], Interval, None)).Select(d => d.Urn));
    }

    [SkippableFact]
    public async Task A_scan_older_than_the_interval_is_due_at_the_next_sweep_and_a_younger_one_is_not()
    {
        var orders = await SaveLakeTableAsync("orders", "id");
        var schedule = Replica();
        await schedule.RecordAsync(Job, orders.Urn, orders.SchemaVersion, None);

        Clock.Advance(Interval - TimeSpan.FromSeconds(1));
        var young = await SweepAsync(schedule);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var stale = await SweepAsync(schedule);

        Assert.Equal([], young);
        Assert.Equal(["lake.main.orders"], stale);
    }

    [SkippableFact]
    public async Task Of_two_replicas_sharing_one_store_only_the_lease_holder_sweeps_until_its_lease_runs_out()
    {
        await SaveLakeTableAsync("orders", "id");
        var first = Replica();
        var second = Replica();

        var byFirst = await SweepAsync(first);
        var bySecond = await SweepAsync(second);
        Clock.Advance(ReplicaLeases.Duration + TimeSpan.FromSeconds(1));
        var bySecondOnceExpired = await SweepAsync(second);
        var byFirstAfterwards = await SweepAsync(first);

        Assert.Equal(["lake.main.orders"], byFirst);
        Assert.Null(bySecond);
        Assert.Equal(["lake.main.orders"], bySecondOnceExpired);
        Assert.Null(byFirstAfterwards);
        Assert.Equal((1, 1), (first.Sweeps(Job), second.Sweeps(Job)));
    }

    [SkippableFact]
    public async Task Records_of_removed_unknown_or_future_dated_datasets_do_not_stop_the_sweep()
    {
        var orders = await SaveLakeTableAsync("orders", "id");
        var gone = await SaveLakeTableAsync("gone", "id");
        await SaveAsync(gone with { Removed = true });
        var schedule = Replica();
        await schedule.RecordAsync(Job, orders.Urn, orders.SchemaVersion, None);
        await schedule.RecordAsync(Job, gone.Urn, gone.SchemaVersion, None);
        await schedule.RecordAsync(Job, "urn:li:dataset:(urn:li:dataPlatform:nowhere,never.existed,PROD)", 7, None);
        await Database.ExecuteSqlAsync("INSERT INTO dataset_work (job, dataset_urn, schema_version, done_at) VALUES ('pii-scan', 'not a urn at all', -3, -1)");
        // A record from a clock far ahead is not trusted to mean "up to date".
        await Database.ExecuteSqlAsync($"UPDATE dataset_work SET done_at = {Clock.GetUtcNow().AddYears(5).ToUnixTimeMilliseconds()} WHERE dataset_urn = '{orders.Urn}'");

        var swept = await SweepAsync(schedule);

        Assert.Equal(["lake.main.orders"], swept);
    }
}

/// <summary>The dataset schedule contract on SQLite.</summary>
public sealed class SqliteDatasetScheduleTests() : DatasetScheduleContract(new SqliteStoreDatabase());

/// <summary>The dataset schedule contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDatasetScheduleTests(PostgresFixture fixture) : DatasetScheduleContract(new PostgresStoreDatabase(fixture));
