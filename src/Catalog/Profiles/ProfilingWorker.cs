using Microsoft.Extensions.Options;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Hosting.Operations;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Profiles;

/// <summary>
/// Profiles the connections <see cref="ProfilingQueue"/> asks for (after ingestion) and, when
/// <see cref="ProfilesOptions.Interval"/> is set, keeps every dataset's profile at most that old: a sweep at start-up
/// and then every interval profiles each dataset never profiled, whose columns changed since, or whose profile is
/// older than the interval (<see cref="DatasetSchedule"/>, which keeps that record in the store, so a restart
/// re-profiles nothing up to date). Failures are logged; they never stop the service. One batch is profiled at a time:
/// a queued connection, or the due datasets of one page of a sweep, each through one engine session.
/// </summary>
/// <remarks>
/// With several replicas, the sweeps run only on the one holding the <see cref="DatasetProfiling.Job"/> lease.
/// Profiling after an ingestion stays on the replica that ingested: only it queues the connection, so it is never
/// done twice.
/// </remarks>
public sealed class ProfilingWorker(
    ProfilingQueue queue,
    DatasetProfiling profiling,
    DatasetSchedule schedule,
    Connections.ConnectionRegistry connections,
    IOptions<ProfilesOptions> options,
    ILogger<ProfilingWorker> logger) : BackgroundService
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeps = options.Value.Interval is { } interval ? schedule.RunBatchesAsync(DatasetProfiling.Job, connections.All.Select(c => c.Name).ToList(), interval, ProfileDueAsync, stoppingToken) : Task.CompletedTask;
        try
        {
            await foreach (var connection in queue.ReadAllAsync(stoppingToken))
            {
                await _oneAtATime.WaitAsync(stoppingToken);
                try
                {
                    var profiled = await profiling.ProfileConnectionAsync(connection, stoppingToken);
                    logger.LogInformation("Profiled {Count} datasets of connection {Connection}", profiled, connection);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Profiling connection {Connection} failed", connection);
                }
                finally
                {
                    _oneAtATime.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }

        await sweeps;
    }

    private async Task ProfileDueAsync(IReadOnlyList<Dataset> due, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            await profiling.ProfileManyAsync(due, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public override void Dispose()
    {
        _oneAtATime.Dispose();
        base.Dispose();
    }
}
