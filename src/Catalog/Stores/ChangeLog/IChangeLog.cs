namespace TownLake.Catalog.Stores.ChangeLog;

/// <summary>
/// The store's change log: every committed write's changes in commit order, numbered without gaps, so a follower
/// that remembers the last number it applied never misses or double-applies one. Writes append to it inside their
/// own transaction (see <see cref="ChangeRecord"/>).
/// </summary>
public interface IChangeLog
{
    /// <summary>The sequence number of the newest committed entry (0 when the log is empty).</summary>
    Task<long> GetHeadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Entries with a sequence number above <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.
    /// Throws <see cref="ChangeLogPrunedException"/> when entries after <paramref name="after"/> were pruned.
    /// </summary>
    Task<IReadOnlyList<ChangeLogEntry>> ReadAfterAsync(long after, int limit, CancellationToken cancellationToken);

    /// <summary>Appends changes that no entity write carries (e.g. popularity) in a transaction of their own; returns the last number.</summary>
    Task<long> AppendAsync(IReadOnlyCollection<ChangeRecord> changes, CancellationToken cancellationToken);

    /// <summary>
    /// Records that <paramref name="follower"/> (a search index, a replica's lineage graph) has applied every entry up to
    /// <paramref name="applied"/> and is alive: pruning keeps what it has not applied while it reports.
    /// </summary>
    Task ReportPositionAsync(string follower, long applied, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the entries older than <paramref name="retention"/> that every follower heard from within
    /// <paramref name="followerTimeout"/> has applied (followers silent longer hold nothing back, and are forgotten).
    /// </summary>
    Task<ChangeLogPruning> PruneAsync(TimeSpan retention, TimeSpan followerTimeout, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="committed"/> with a sequence number whenever another process commits to the log, until
    /// cancelled (PostgreSQL LISTEN; the embedded store has no other writers and just waits). Reconnects by itself.
    /// </summary>
    Task WatchAsync(Action<long> committed, CancellationToken cancellationToken);
}
