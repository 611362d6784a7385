using System.Collections.Concurrent;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Hosting.Operations;

/// <summary>
/// The schedule of a job that works dataset by dataset (the PII scanner, profiling): it remembers in the store
/// (<see cref="IDatasetWorkLog"/>) when the job last did each dataset and at which schema version, so a dataset is
/// due only when the job never did it, its columns changed since, or that was longer ago than the job's interval; a
/// restart therefore redoes nothing that is up to date. Sweeps over every dataset of the given connections run at
/// start-up and then every interval, on the one replica holding the job's lease (<see cref="ReplicaLeases"/>).
/// </summary>
/// <remarks>
/// A record dated in the future (another replica's clock ran ahead, or the row was edited by hand) is not trusted: the
/// dataset is due. Records of datasets that no longer exist are never read, since sweeps walk the live datasets.
/// </remarks>
public sealed class DatasetSchedule(
    IDatasetWorkLog log,
    IDatasetBrowseStore datasets,
    ReplicaLeases leases,
    CatalogStoreReady storeReady,
    TimeProvider clock,
    ILogger<DatasetSchedule> logger)
{
    private readonly ConcurrentDictionary<string, int> _sweeps = new(StringComparer.Ordinal);

    /// <summary>Sweeps of <paramref name="job"/> this replica has run to the end (for logs and tests).</summary>
    public int Sweeps(string job) => _sweeps.GetValueOrDefault(job);

    /// <summary>Whether a job that last did <paramref name="dataset"/> as <paramref name="last"/> (null: never) has to do it again now.</summary>
    public static bool IsDue(Dataset dataset, DatasetWorkRecord? last, TimeSpan interval, DateTimeOffset now) =>
        last is null
        || last.SchemaVersion != dataset.SchemaVersion
        || last.DoneAt > now
        || now - last.DoneAt >= interval;

    /// <summary>The live datasets among <paramref name="candidates"/> that <paramref name="job"/> has to do again, in their order.</summary>
    public async Task<IReadOnlyList<Dataset>> DueAsync(string job, IReadOnlyList<Dataset> candidates, TimeSpan interval, CancellationToken cancellationToken)
    {
        var live = candidates.Where(d => !d.Removed).ToList();
        var records = await log.GetDatasetWorkAsync(job, live.Select(d => d.Urn).ToList(), cancellationToken);
        var now = clock.GetUtcNow();
        return live.Where(d => IsDue(d, records.GetValueOrDefault(d.Urn), interval, now)).ToList();
    }

    /// <summary>Records that <paramref name="job"/> has just done the dataset as it was at <paramref name="schemaVersion"/>.</summary>
    public Task RecordAsync(string job, string datasetUrn, int schemaVersion, CancellationToken cancellationToken) =>
        log.RecordDatasetWorkAsync(job, new DatasetWorkRecord(datasetUrn, schemaVersion, clock.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Sweeps once the store is ready and then every <paramref name="interval"/> until stopped, handing each due dataset
    /// of the <paramref name="connections"/> to <paramref name="work"/>; a failed sweep is logged and the next one retries.
    /// </summary>
    public Task RunAsync(string job, IReadOnlyList<string> connections, TimeSpan interval, Func<Dataset, CancellationToken, Task> work, CancellationToken stoppingToken) =>
        RunBatchesAsync(job, connections, interval, OneByOne(work), stoppingToken);

    /// <summary>
    /// As <see cref="RunAsync(string, IReadOnlyList{string}, TimeSpan, Func{Dataset, CancellationToken, Task}, CancellationToken)"/>,
    /// handing the due datasets of each page (all of one connection) to <paramref name="work"/> at once, so a job can
    /// read them through one session of their source.
    /// </summary>
    public async Task RunBatchesAsync(string job, IReadOnlyList<string> connections, TimeSpan interval, Func<IReadOnlyList<Dataset>, CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await storeReady.Ready.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(interval, clock);
            do
            {
                try
                {
                    await SweepBatchesAsync(job, connections, interval, work, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "The sweep of job {Job} failed; the next one retries in {Interval}", job, interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// <summary>One sweep when this replica holds the job's lease (false when not): every due live dataset of the connections (catalogs), page by page.</summary>
    public Task<bool> SweepAsync(string job, IReadOnlyList<string> connections, TimeSpan interval, Func<Dataset, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        SweepBatchesAsync(job, connections, interval, OneByOne(work), cancellationToken);

    /// <summary>One sweep as above, handing each page's due datasets (all of one connection) to <paramref name="work"/> at once.</summary>
    public async Task<bool> SweepBatchesAsync(string job, IReadOnlyList<string> connections, TimeSpan interval, Func<IReadOnlyList<Dataset>, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        if (!await leases.HoldAsync(job, cancellationToken))
        {
            return false;
        }

        foreach (var connection in connections)
        {
            string? after = null;
            while (true)
            {
                var page = await datasets.ListDatasetsAsync(new DatasetQuery { Catalog = connection, First = 500, AfterName = after }, cancellationToken);
                var due = await DueAsync(job, page.Items, interval, cancellationToken);
                if (due.Count > 0)
                {
                    await work(due, cancellationToken);
                }

                if (!page.HasNextPage || page.Items.Count == 0)
                {
                    break;
                }

                after = page.Items[^1].Name;
            }
        }

        _sweeps.AddOrUpdate(job, 1, (_, n) => n + 1);
        return true;
    }

    private static Func<IReadOnlyList<Dataset>, CancellationToken, Task> OneByOne(Func<Dataset, CancellationToken, Task> work) =>
        async (due, cancellationToken) =>
        {
            foreach (var dataset in due)
            {
                await work(dataset, cancellationToken);
            }
        };
}
