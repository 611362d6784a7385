using Microsoft.Extensions.Options;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.ChangeLog;

namespace TownLake.Catalog.Hosting.Operations;

/// <summary>
/// Keeps the change log from growing forever: every <see cref="OperationsOptions.ChangeLogPruneInterval"/>, on the one
/// replica holding the lease, deletes the entries older than <see cref="OperationsOptions.ChangeLogRetention"/> that
/// every live follower has applied (<see cref="IChangeLog.PruneAsync"/>).
/// </summary>
public sealed class ChangeLogPruner(IChangeLog changeLog, ReplicaLeases leases, CatalogStoreReady storeReady, IOptions<OperationsOptions> options, TimeProvider clock, ILogger<ChangeLogPruner> logger) : BackgroundService
{
    /// <summary>The lease that keeps pruning on one replica.</summary>
    public const string Job = "change-log-prune";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            await storeReady.Ready.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(settings.ChangeLogPruneInterval, clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await PruneOnceAsync(settings, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PruneOnceAsync(OperationsOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            if (!await leases.HoldAsync(Job, cancellationToken))
            {
                return;
            }

            var pruning = await changeLog.PruneAsync(settings.ChangeLogRetention, settings.ChangeLogFollowerTimeout, cancellationToken);
            if (pruning.Deleted > 0)
            {
                logger.LogInformation("Change log pruned through entry {PrunedThrough}: {Deleted} entries older than {Retention} that all {Followers} live followers had applied",
                    pruning.PrunedThrough, pruning.Deleted, settings.ChangeLogRetention, pruning.LiveFollowers);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Pruning the change log failed; the next pass retries");
        }
    }
}
