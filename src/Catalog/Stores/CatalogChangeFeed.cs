using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

/// <summary>
/// Tells followers (the search index, caches) which entities a committed write changed. Followers run after the
/// commit, so a follower's failure never undoes a write; the store stays the source of truth. It also carries the
/// wake-up of change-log followers: <see cref="Committed"/> is called with the newest change-log number this process
/// committed (or heard of from another replica), and followers wait on <see cref="WaitAsync"/>.
/// </summary>
public sealed class CatalogChangeFeed
{
    private readonly List<Action<IReadOnlyList<ICatalogEntity>>> _followers = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastCommitted;

    /// <summary>The newest change-log number committed by this process or announced by another one.</summary>
    public long LastCommitted => Interlocked.Read(ref _lastCommitted);

    /// <summary>Records that change-log entries up to <paramref name="sequence"/> are committed, and wakes every waiter.</summary>
    public void Committed(long sequence)
    {
        long seen;
        while ((seen = Interlocked.Read(ref _lastCommitted)) < sequence && Interlocked.CompareExchange(ref _lastCommitted, sequence, seen) != seen)
        {
        }

        TaskCompletionSource woken;
        lock (_gate)
        {
            woken = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    /// <summary>Waits until the next <see cref="Committed"/> call or until <paramref name="timeout"/> passes, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_gate)
        {
            changed = _changed.Task;
        }

        try
        {
            await changed.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // the caller polls anyway
        }
    }

    public void Follow(Action<IReadOnlyList<ICatalogEntity>> follower)
    {
        lock (_gate)
        {
            _followers.Add(follower);
        }
    }

    public void Publish(IReadOnlyList<ICatalogEntity> changed)
    {
        if (changed.Count == 0)
        {
            return;
        }

        Action<IReadOnlyList<ICatalogEntity>>[] followers;
        lock (_gate)
        {
            followers = [.. _followers];
        }

        foreach (var follower in followers)
        {
            follower(changed);
        }
    }
}
