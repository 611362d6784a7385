using Microsoft.Extensions.Options;
using TownLake.Catalog.Connections;

namespace TownLake.Catalog.Profiles;

/// <summary>
/// Profiles the connections <see cref="ProfilingQueue"/> asks for (after ingestion) and, when
/// <see cref="ProfilesOptions.Interval"/> is set, every connection on that schedule. Failures are logged; they never
/// stop the service.
/// </summary>
public sealed class ProfilingWorker(
    ProfilingQueue queue,
    DatasetProfiling profiling,
    ConnectionRegistry connections,
    IOptions<ProfilesOptions> options,
    TimeProvider clock,
    ILogger<ProfilingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value.Interval is { } interval ? ScheduleAsync(interval, stoppingToken) : Task.CompletedTask;
        try
        {
            await foreach (var connection in queue.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var profiled = await profiling.ProfileConnectionAsync(connection, stoppingToken);
                    logger.LogInformation("Profiled {Count} datasets of connection {Connection}", profiled, connection);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Profiling connection {Connection} failed", connection);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }

        await schedule;
    }

    private async Task ScheduleAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var connection in connections.All)
                {
                    queue.Request(connection.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
