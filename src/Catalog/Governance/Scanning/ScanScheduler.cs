using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Connections;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Hosting.Operations;
using TownLake.Catalog.Stores;
using TownLake.Engine.Execution;

namespace TownLake.Catalog.Governance.Scanning;

/// <summary>
/// Decides when tables are scanned and runs the scans: a dataset of a configured connection is queued as soon as a
/// write creates it or changes its columns (connection ingestion, <c>upsertDataset</c>, lineage outputs), and a sweep
/// at start-up and then every <see cref="ScannerOptions.Interval"/> queues each dataset that was never scanned, whose
/// columns changed since its last scan, or whose last scan is older than the interval. When and at which schema
/// version each dataset was last scanned is kept in the store (<see cref="DatasetSchedule"/>), so a restart rescans
/// nothing that is up to date. Up to <see cref="ScannerOptions.MaxParallelTables"/> workers sample at once, each
/// taking up to 50 queued tables and reading those of one source through one session of it; a table that fails is
/// logged and tried again at the next sweep, never stopping the service. Findings go to the policy store as pending
/// classifications.
/// </summary>
/// <remarks>
/// With several replicas, sweeps run only on the one holding the <see cref="Job"/> lease (like scheduled ingestion).
/// Scans triggered by a write stay on the replica that made the write, lease or not: the change feed they follow
/// carries this process's own writes only (other replicas' writes reach it through the change log, into the indexes,
/// not into this feed), so exactly one replica sees each write, and it scans at once instead of waiting for the lease
/// holder's next sweep. A write whose replica dies before scanning is caught by the holder's next sweep (its columns
/// changed since the last recorded scan). Each worker also skips a queued dataset whose record is already up to date,
/// so a write-triggered scan and a sweep racing for the same new table rarely both sample it, and when they do, the
/// second only records the same findings again (a person's classification is never reverted).
/// </remarks>
public sealed class ScanScheduler : BackgroundService
{
    private readonly ConnectionRegistry _connections;
    private readonly DatasetSchedule _schedule;
    private readonly DatasetService _datasets;
    private readonly PiiScanner _scanner;
    private readonly IGovernanceStore _policy;
    private readonly IOptionsMonitor<ScannerOptions> _options;
    private readonly ILogger<ScanScheduler> _logger;
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);
    private int _completed;

    /// <summary>The lease that keeps sweeps on one replica, and the job name of the scan records.</summary>
    public const string Job = "pii-scan";

    /// <summary>The most tables a worker takes at once: one source session serves them, other workers take the rest.</summary>
    private const int BatchSize = 50;

    public ScanScheduler(
        ConnectionRegistry connections,
        DatasetSchedule schedule,
        DatasetService datasets,
        PiiScanner scanner,
        IGovernanceStore policy,
        CatalogChangeFeed feed,
        IOptionsMonitor<ScannerOptions> options,
        ILogger<ScanScheduler> logger)
    {
        _connections = connections;
        _schedule = schedule;
        _datasets = datasets;
        _scanner = scanner;
        _policy = policy;
        _options = options;
        _logger = logger;
        // Followed from construction, before any hosted service starts, so the demo's ingestion at start-up is seen.
        feed.Follow(OnCatalogChanged);
    }

    /// <summary>Tables scanned since start (for logs and tests).</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Sweeps this replica has run to the end while holding the lease (for logs and tests).</summary>
    public int Sweeps => _schedule.Sweeps(Job);

    /// <summary>Queues one dataset for scanning (no-op when it is already queued); false when it is not of a configured connection.</summary>
    public bool Enqueue(Dataset dataset)
    {
        if (dataset.Removed || _connections.Find(dataset.Catalog) is null)
        {
            return false;
        }

        if (_queued.TryAdd(dataset.Urn, 0))
        {
            _queue.Writer.TryWrite(dataset.Urn);
        }

        return true;
    }

    /// <summary>Scans one dataset now and records its findings; returns the scan (null when the dataset is not of a configured connection).</summary>
    public async Task<TableScan?> ScanNowAsync(string datasetUrn, CancellationToken cancellationToken)
    {
        var dataset = await _datasets.GetAsync(datasetUrn, cancellationToken);
        var connection = _connections.Find(dataset.Catalog);
        if (connection is null || dataset.Removed)
        {
            return null;
        }

        var scan = await _scanner.ScanTableAsync(connection.Settings, dataset.Schema, dataset.Table, dataset.Columns, cancellationToken);
        await RecordAsync(dataset.Urn, dataset.SchemaVersion, scan, cancellationToken);
        return scan;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.CurrentValue.Enabled)
        {
            _logger.LogInformation("The PII scanner is off ({Section}:Enabled is false).", ScannerOptions.Section);
            return;
        }

        var workers = Enumerable.Range(0, _options.CurrentValue.MaxParallelTables).Select(_ => WorkAsync(stoppingToken)).ToList();
        await _schedule.RunAsync(Job, _connections.All.Select(c => c.Name).ToList(), _options.CurrentValue.Interval, (dataset, _) =>
        {
            Enqueue(dataset);
            return Task.CompletedTask;
        }, stoppingToken);

        _queue.Writer.TryComplete();
        await Task.WhenAll(workers);
    }

    private void OnCatalogChanged(IReadOnlyList<Identity.ICatalogEntity> changed)
    {
        var options = _options.CurrentValue;
        if (!options.Enabled || !options.ScanAfterIngestion)
        {
            return;
        }

        // Edits of descriptions, tags or owners keep the schema version, and the worker skips a dataset whose scan
        // record is up to date; a new dataset or a new schema version is scanned.
        foreach (var dataset in changed.OfType<Dataset>())
        {
            Enqueue(dataset);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var first in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                // Takes what else is queued now (up to a batch) so tables of one source share one session of it.
                var batch = new List<string> { first };
                while (batch.Count < BatchSize && _queue.Reader.TryRead(out var more))
                {
                    batch.Add(more);
                }

                foreach (var urn in batch)
                {
                    _queued.TryRemove(urn, out _);
                }

                await ScanBatchAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task ScanBatchAsync(IReadOnlyList<string> urns, CancellationToken stoppingToken)
    {
        var loaded = new List<Dataset>(urns.Count);
        foreach (var urn in urns)
        {
            try
            {
                loaded.Add(await _datasets.GetAsync(urn, stoppingToken));
            }
            catch (Identity.CatalogException ex)
            {
                _logger.LogWarning("Scanning {Dataset} failed; it is tried again at the next sweep: {Message}", urn, ex.Message);
            }
        }

        IReadOnlyList<Dataset> due;
        try
        {
            due = await _schedule.DueAsync(Job, loaded, _options.CurrentValue.Interval, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Reading the scan records of {Count} datasets failed; they are tried again at the next sweep", loaded.Count);
            return;
        }

        var byConnection = new Dictionary<string, (ConfiguredConnection Connection, List<TableToScan> Tables)>(StringComparer.Ordinal);
        foreach (var dataset in due)
        {
            if (_connections.Find(dataset.Catalog) is not { } connection)
            {
                continue;
            }

            if (!byConnection.TryGetValue(connection.Name, out var group))
            {
                byConnection[connection.Name] = group = (connection, []);
            }

            group.Tables.Add(new TableToScan(dataset.Schema, dataset.Table, dataset.Columns) { DatasetUrn = dataset.Urn, SchemaVersion = dataset.SchemaVersion });
        }

        foreach (var (connection, tables) in byConnection.Values)
        {
            try
            {
                await foreach (var outcome in _scanner.ScanTablesAsync(connection.Settings, tables, stoppingToken))
                {
                    var urn = outcome.Table.DatasetUrn!;
                    if (outcome.Scan is not { } scan)
                    {
                        _logger.LogWarning("Scanning {Dataset} failed; it is tried again at the next sweep: {Message}", urn, outcome.Error?.Message);
                        continue;
                    }

                    await RecordAsync(urn, outcome.Table.SchemaVersion, scan, stoppingToken);
                    _logger.LogInformation("Scanned {Dataset}: {Rows} rows, {Flagged} of {Columns} columns classified as PII",
                        scan.Dataset, scan.Rows, scan.Findings.Count(f => f.Category != PiiCategory.None), scan.Findings.Count);
                }
            }
            catch (Exception ex) when (ex is QueryException or Identity.CatalogException or ArgumentException)
            {
                _logger.LogWarning("Scanning tables of {Connection} failed; they are tried again at the next sweep: {Message}", connection.Name, ex.Message);
            }
        }
    }

    private async Task RecordAsync(string datasetUrn, int schemaVersion, TableScan scan, CancellationToken cancellationToken)
    {
        // The policy store records them as pending, unconfirmed classifications and keeps every person's override.
        await _policy.RecordScannerFindingsAsync(datasetUrn, scan.Findings, cancellationToken);
        await _schedule.RecordAsync(Job, datasetUrn, schemaVersion, cancellationToken);
        Interlocked.Increment(ref _completed);
    }
}
