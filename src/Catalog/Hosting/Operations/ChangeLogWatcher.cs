using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.ChangeLog;

namespace TownLake.Catalog.Hosting.Operations;

/// <summary>
/// Relays other replicas' change-log commits (PostgreSQL notifications) to this process's followers, so a write on
/// any replica reaches this one's search index and lineage graph within moments instead of at the next poll.
/// </summary>
public sealed class ChangeLogWatcher(IChangeLog changeLog, CatalogChangeFeed feed, CatalogStoreReady storeReady) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await storeReady.Ready.WaitAsync(stoppingToken);
            await changeLog.WatchAsync(feed.Committed, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
