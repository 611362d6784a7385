using System.Collections.Concurrent;
using System.Diagnostics;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.Sql;
using TownLake.Catalog.Users;
using TownLake.Engine.Connectors;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.Connections;

/// <summary>
/// Ingests a connection's metadata into the catalog, incrementally: extracts it with the Engine's adapter, upserts every
/// dataset in batches (unchanged ones write nothing; column changes raise the schema version), and soft-deletes the
/// datasets of the connection that the source no longer has. One ingestion per connection runs at a time.
/// </summary>
public sealed class ConnectionIngestion(
    ConnectionRegistry connections,
    MetadataExtraction extraction,
    DatasetService datasets,
    IDatasetBrowseStore store,
    SqlLineageRecorder lineage,
    Profiles.ProfilingQueue profiling,
    ILogger<ConnectionIngestion> logger)
{
    /// <summary>Datasets per transaction: big enough to be fast, small enough not to hold the write lock for long.</summary>
    public const int BatchSize = 250;

    /// <summary>The identity ingestion writes under, so history shows which changes came from the sources.</summary>
    public static Caller Ingester { get; } = new("townlake-ingest", ["admins"], true, true);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _running = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Ingests the named connection. Throws NOT_FOUND for an unknown connection and BAD_USER_INPUT when the source
    /// cannot be read (the message names the connection and the cause).
    /// </summary>
    public async Task<IngestionSummary> IngestAsync(string connectionName, IProgress<ExtractionProgress>? progress, CancellationToken cancellationToken)
    {
        var connection = connections.Get(connectionName);
        var gate = _running.GetOrAdd(connection.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await IngestOnceAsync(connection, progress, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IngestionSummary> IngestOnceAsync(ConfiguredConnection connection, IProgress<ExtractionProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        ExtractedCatalog extracted;
        try
        {
            extracted = await extraction.ExtractAsync(connection.Settings, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is MetadataExtractionException or ConnectionSettingsException)
        {
            throw CatalogException.BadInput($"Ingesting connection '{connection.Name}' failed: {ex.Message}");
        }

        var existing = await ExistingDatasetsAsync(connection.Name, cancellationToken);
        var upserts = extracted.Tables.Select(t => ExtractedDatasetMapper.ToUpsert(extracted, t)).ToList();
        int added = 0, changed = 0, unchanged = 0, saved = 0;
        var total = upserts.Count;
        progress?.Report(new ExtractionProgress("catalog", 0, total));
        foreach (var batch in upserts.Chunk(BatchSize))
        {
            var results = await datasets.UpsertManyAsync(batch, Ingester, cancellationToken);
            foreach (var result in results)
            {
                var wasLive = existing.TryGetValue(result.Entity.Urn, out var before) && !before.Removed;
                if (result.Created || !wasLive)
                {
                    added++;
                }
                else if (result.Changed)
                {
                    changed++;
                }
                else
                {
                    unchanged++;
                }
            }

            saved += batch.Length;
            progress?.Report(new ExtractionProgress("catalog", saved, total));
        }

        var seen = upserts.Select(u => Urn.Dataset(DatasetName.Parse(u.Name))).ToHashSet(StringComparer.Ordinal);
        var vanished = existing.Values.Where(d => !d.Removed && !seen.Contains(d.Urn)).ToList();
        foreach (var dataset in vanished)
        {
            await datasets.DeleteAsync(dataset.Urn, Ingester, cancellationToken);
        }

        var warnings = extracted.Warnings.ToList();
        await RecordViewLineageAsync(extracted, warnings, cancellationToken);
        var summary = new IngestionSummary(connection.Name, added, changed, vanished.Count, unchanged,
            extracted.Tables.Sum(t => t.Columns.Count), stopwatch.Elapsed, warnings);
        logger.LogInformation(
            "Ingested connection {Connection}: {Added} added, {Changed} changed, {Removed} removed, {Unchanged} unchanged, {Columns} columns in {Duration} ({Warnings} warnings)",
            summary.Connection, summary.Added, summary.Changed, summary.Removed, summary.Unchanged, summary.Columns, summary.Duration, summary.Warnings.Count);
        profiling.AfterIngestion(connection.Name);
        return summary;
    }

    /// <summary>
    /// Derives each view's lineage from its SQL (down to columns) with the SQL lineage recorder. Names in view SQL are
    /// relative to the view's own connection and schema. A view whose SQL cannot be analyzed keeps its SQL and adds a warning.
    /// </summary>
    private async Task RecordViewLineageAsync(ExtractedCatalog extracted, List<string> warnings, CancellationToken cancellationToken)
    {
        var dialect = extracted.Type switch
        {
            ConnectionType.Postgres => SqlDialect.Postgres,
            ConnectionType.Trino => SqlDialect.Trino,
            _ => SqlDialect.DuckDb,
        };
        foreach (var view in extracted.Tables.Where(t => !string.IsNullOrWhiteSpace(t.ViewSql)))
        {
            var name = ExtractedDatasetMapper.NameOf(extracted.ConnectionName, view);
            try
            {
                var derived = await lineage.RecordAsync(
                    new SqlDerivation(view.ViewSql!, Urn.Dataset(name)) { Dialect = dialect, DefaultCatalog = extracted.ConnectionName, DefaultSchema = view.Schema },
                    SqlLineageRecorder.JobNamespace, name.ToString(), Ingester.UserName, cancellationToken);
                if (!derived.Parsed)
                {
                    warnings.Add($"View {name}: its SQL could not be fully analyzed for lineage ({string.Join("; ", derived.Diagnostics.Select(d => d.Message))}).");
                }
            }
            catch (Exception ex) when (ex is CatalogException or InvalidOperationException or ArgumentException)
            {
                warnings.Add($"View {name}: lineage not recorded: {ex.Message}");
            }
        }
    }

    private async Task<Dictionary<string, Dataset>> ExistingDatasetsAsync(string connection, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, Dataset>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = await store.ListDatasetsAsync(new DatasetQuery { Catalog = connection, IncludeRemoved = true, First = 1000, AfterName = after }, cancellationToken);
            foreach (var dataset in page.Items)
            {
                result[dataset.Urn] = dataset;
            }

            if (!page.HasNextPage || page.Items.Count == 0)
            {
                return result;
            }

            after = page.Items[^1].Name;
        }
    }
}
