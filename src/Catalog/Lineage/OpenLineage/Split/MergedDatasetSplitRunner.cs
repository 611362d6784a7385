using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.ChangeLog;

namespace TownLake.Catalog.Lineage.OpenLineage.Split;

/// <summary>
/// Runs the <see cref="MergedDatasetSplitter"/> once, on start, when store migration 122 left it pending: on one
/// replica at a time (a lease), marked done only after it finished, so a crash part-way runs it again (it is idempotent:
/// a finished split leaves nothing merged to find).
/// </summary>
public sealed class MergedDatasetSplitRunner(MergedDatasetSplitter splitter, IDataMigrationLog migrations, IJobLeases leases, CatalogStoreReady storeReady,
    ILogger<MergedDatasetSplitRunner> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var holder = Environment.MachineName + ":" + Guid.NewGuid().ToString("N");
        try
        {
            await storeReady.Ready.WaitAsync(stoppingToken);
            if (!await migrations.IsDataMigrationPendingAsync(MergedDatasetSplitter.MigrationName, stoppingToken)
                || !await leases.TryAcquireAsync(MergedDatasetSplitter.MigrationName, holder, Lease, stoppingToken))
            {
                return;
            }

            try
            {
                var split = await splitter.SplitAsync(stoppingToken);
                await migrations.CompleteDataMigrationAsync(MergedDatasetSplitter.MigrationName, stoppingToken);
                logger.LogInformation("Data migration {Name} done: {Count} merged datasets split", MergedDatasetSplitter.MigrationName, split.Count);
            }
            finally
            {
                await leases.ReleaseAsync(MergedDatasetSplitter.MigrationName, holder, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Left pending: the next start tries again. The catalog stays usable meanwhile, merged as before.
            logger.LogError(ex, "Data migration {Name} failed; it runs again on the next start", MergedDatasetSplitter.MigrationName);
        }
    }
}
