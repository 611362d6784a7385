namespace TownLake.Catalog.Connections;

/// <summary>
/// Re-ingests every connection that has a <c>RefreshInterval</c>, each on its own timer. A failed run is logged and
/// retried at the next tick; it never stops the service. With several replicas, each connection's refresh runs on the
/// one holding its lease (<see cref="Hosting.Operations.ReplicaLeases"/>).
/// </summary>
public sealed class ScheduledIngestion(ConnectionRegistry connections, ConnectionIngestion ingestion, Hosting.Operations.ReplicaLeases leases, TimeProvider clock, ILogger<ScheduledIngestion> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(connections.All
            .Where(c => c.RefreshInterval is not null)
            .Select(c => RefreshAsync(c, c.RefreshInterval!.Value, stoppingToken)));

    private async Task RefreshAsync(ConfiguredConnection connection, TimeSpan interval, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (!await leases.HoldAsync("ingest:" + connection.Name, stoppingToken))
                    {
                        continue;
                    }

                    await ingestion.IngestAsync(connection.Name, progress: null, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Scheduled ingestion of connection {Connection} failed; retrying in {Interval}", connection.Name, interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
