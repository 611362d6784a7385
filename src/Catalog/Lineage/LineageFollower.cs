using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Lineage;

/// <summary>
/// Keeps the <see cref="LineageIndex"/> caught up in the background, so a read right after another replica's write does
/// not pay for applying it: woken by this process's commits and other replicas' notifications, and polling once a second.
/// </summary>
public sealed class LineageFollower(LineageIndex index, CatalogChangeFeed feed, Stores.ChangeLog.IChangeLog changeLog, CatalogStoreReady storeReady, ILogger<LineageFollower> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PositionReport = TimeSpan.FromSeconds(5);

    /// <summary>This process's graph among the change log's followers (in memory: a restarted process is a new follower).</summary>
    private readonly string _followerName = $"lineage:{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await storeReady.Ready.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var failures = 0;
        var lastReport = long.MinValue / 2;
        var rebuilds = index.PrunedRebuilds;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await index.CatchUpAsync(stoppingToken);
                if (index.PrunedRebuilds != rebuilds)
                {
                    rebuilds = index.PrunedRebuilds;
                    logger.LogWarning("The change log was pruned past the lineage graph's position (this replica was cut off longer than the retention); reloaded every edge from the store, now at change {Applied}", index.AppliedSequence);
                }

                if (Environment.TickCount64 - lastReport >= (long)PositionReport.TotalMilliseconds && index.AppliedSequence >= 0)
                {
                    await changeLog.ReportPositionAsync(_followerName, index.AppliedSequence, stoppingToken);
                    lastReport = Environment.TickCount64;
                }

                failures = 0;
                await feed.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                logger.LogWarning(ex, "Catching the lineage graph up with the change log failed (attempt {Attempt}); retrying", failures);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 200 * failures)), stoppingToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }
}
