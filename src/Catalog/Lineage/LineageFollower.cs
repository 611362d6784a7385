using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Lineage;

/// <summary>
/// Keeps the <see cref="LineageIndex"/> caught up in the background, so a read right after another replica's write does
/// not pay for applying it: woken by this process's commits and other replicas' notifications, and polling once a second.
/// </summary>
public sealed class LineageFollower(LineageIndex index, CatalogChangeFeed feed, CatalogStoreReady storeReady, ILogger<LineageFollower> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await index.CatchUpAsync(stoppingToken);
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
