using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Connections;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Stores;
using TownLake.Engine.Execution;

namespace TownLake.Catalog.Governance.Scanning;

/// <summary>
/// Decides when tables are scanned and runs the scans: a dataset of a configured connection is queued as soon as a
/// write creates it or changes its columns (connection ingestion, <c>upsertDataset</c>, lineage outputs), and every
/// dataset of every connection is queued at start-up and then every <see cref="ScannerOptions.Interval"/>. Up to
/// <see cref="ScannerOptions.MaxParallelTables"/> workers sample at once, each taking up to 50 queued tables and reading
/// those of one source through one session of it; a table that fails is logged and tried
/// again at the next sweep, never stopping the service. Findings go to the policy store as pending classifications.
/// </summary>
public sealed class ScanScheduler : BackgroundService
{
    private readonly ConnectionRegistry _connections;
    private readonly IDatasetBrowseStore _browse;
    private readonly DatasetService _datasets;
    private readonly PiiScanner _scanner;
    private readonly IGovernanceStore _policy;
    private readonly IOptionsMonitor<ScannerOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ScanScheduler> _logger;
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _scannedSchemaVersion = new(StringComparer.Ordinal);
    private int _completed;

    /// <summary>The most tables a worker takes at once: one source session serves them, other workers take the rest.</summary>
    private const int BatchSize = 50;

    public ScanScheduler(
        ConnectionRegistry connections,
        IDatasetBrowseStore browse,
        DatasetService datasets,
        PiiScanner scanner,
        IGovernanceStore policy,
        CatalogChangeFeed feed,
        IOptionsMonitor<ScannerOptions> options,
        TimeProvider clock,
        ILogger<ScanScheduler> logger)
    {
        _connections = connections;
        _browse = browse;
        _datasets = datasets;
        _scanner = scanner;
        _policy = policy;
        _options = options;
        _clock = clock;
        _logger = logger;
        // Followed from construction, before any hosted service starts, so the demo's ingestion at start-up is seen.
        feed.Follow(OnCatalogChanged);
    }

    /// <summary>Tables scanned since start (for logs and tests).</summary>
    public int Completed => Volatile.Read(ref _completed);

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
        try
        {
            using var timer = new PeriodicTimer(_options.CurrentValue.Interval, _clock);
            do
            {
                await SweepAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }

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

        foreach (var dataset in changed.OfType<Dataset>())
        {
            // Edits of descriptions, tags or owners do not change what the columns hold; a new schema version does.
            if (!_scannedSchemaVersion.TryGetValue(dataset.Urn, out var version) || version != dataset.SchemaVersion)
            {
                Enqueue(dataset);
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in _connections.All)
        {
            string? after = null;
            while (true)
            {
                var page = await _browse.ListDatasetsAsync(new DatasetQuery { Catalog = connection.Name, First = 500, AfterName = after }, cancellationToken);
                foreach (var dataset in page.Items)
                {
                    Enqueue(dataset);
                }

                if (!page.HasNextPage || page.Items.Count == 0)
                {
                    break;
                }

                after = page.Items[^1].Name;
            }
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
        var byConnection = new Dictionary<string, (ConfiguredConnection Connection, List<TableToScan> Tables)>(StringComparer.Ordinal);
        foreach (var urn in urns)
        {
            try
            {
                var dataset = await _datasets.GetAsync(urn, stoppingToken);
                if (dataset.Removed || _connections.Find(dataset.Catalog) is not { } connection)
                {
                    continue;
                }

                if (!byConnection.TryGetValue(connection.Name, out var group))
                {
                    byConnection[connection.Name] = group = (connection, []);
                }

                group.Tables.Add(new TableToScan(dataset.Schema, dataset.Table, dataset.Columns) { DatasetUrn = dataset.Urn, SchemaVersion = dataset.SchemaVersion });
            }
            catch (Identity.CatalogException ex)
            {
                _logger.LogWarning("Scanning {Dataset} failed; it is tried again at the next sweep: {Message}", urn, ex.Message);
            }
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
        _scannedSchemaVersion[datasetUrn] = schemaVersion;
        Interlocked.Increment(ref _completed);
    }
}
