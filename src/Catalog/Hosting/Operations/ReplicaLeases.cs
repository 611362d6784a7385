using System.Collections.Concurrent;
using TownLake.Catalog.Stores.ChangeLog;

namespace TownLake.Catalog.Hosting.Operations;

/// <summary>
/// Keeps each scheduled job (connection refresh, popularity, and any later one) on one replica at a time through
/// lease rows in the store. A job asks <see cref="HoldAsync"/> before each run; once asked, this service renews the
/// lease every <see cref="Renewal"/> for as long as the process lives, so a long run keeps it, and releases it on
/// shutdown so another replica takes over at once instead of after <see cref="Duration"/>.
/// </summary>
/// <remarks>
/// Expiry is judged by each replica's clock: clocks more than <see cref="Duration"/> minus <see cref="Renewal"/>
/// apart could let two holders overlap, which NTP-synchronised hosts never are. Locally a lease counts as held only
/// until a renewal's deadline, shorter than the stored expiry, so a replica cut off from the store stops claiming
/// it before another can take it.
/// </remarks>
public sealed class ReplicaLeases(IJobLeases leases, TimeProvider clock, ILogger<ReplicaLeases> logger) : BackgroundService
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _heldUntil = new(StringComparer.Ordinal);

    /// <summary>This process's name in lease rows: host, process id and a random part (a restarted process is a new holder).</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Whether this replica holds <paramref name="job"/>'s lease now, taking it when it is free.</summary>
    public async Task<bool> HoldAsync(string job, CancellationToken cancellationToken)
    {
        if (_heldUntil.TryGetValue(job, out var until) && clock.GetUtcNow() < until)
        {
            return true;
        }

        return await RenewAsync(job, cancellationToken);
    }

    /// <summary>Jobs whose lease this replica holds now (for operators).</summary>
    public IReadOnlyList<string> Held => _heldUntil.Where(p => clock.GetUtcNow() < p.Value).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

    private async Task<bool> RenewAsync(string job, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        bool taken;
        try
        {
            taken = await leases.TryAcquireAsync(job, Holder, Duration, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Renewing the lease of job {Job} failed", job);
            _heldUntil.TryUpdate(job, DateTimeOffset.MinValue, _heldUntil.GetValueOrDefault(job));
            return false;
        }

        var was = _heldUntil.TryGetValue(job, out var until) && started < until;
        // Counted from before the statement ran, and shorter than the stored expiry.
        _heldUntil[job] = taken ? started + Duration - Renewal : DateTimeOffset.MinValue;
        if (taken != was)
        {
            logger.LogInformation(taken ? "This replica ({Holder}) now runs job {Job}" : "Job {Job} runs on another replica than {Holder}", Holder, job);
        }

        return taken;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Renewal, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var job in _heldUntil.Keys.ToList())
                {
                    await RenewAsync(job, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var job in Held)
        {
            try
            {
                await leases.ReleaseAsync(job, Holder, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "Releasing the lease of job {Job} failed; it expires by itself", job);
            }
        }
    }
}
