namespace TownLake.Catalog.Stores.ChangeLog;

/// <summary>
/// Time-limited leases in the store, so a scheduled job runs on one replica at a time: a replica holds a lease
/// while it keeps renewing it before it expires; when it dies, another takes over after the expiry.
/// </summary>
public interface IJobLeases
{
    /// <summary>Takes or renews the lease <paramref name="name"/> for <paramref name="holder"/> until now + <paramref name="duration"/>; false when another holder's lease has not expired.</summary>
    Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up at once (on shutdown), if <paramref name="holder"/> holds it.</summary>
    Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken);
}
