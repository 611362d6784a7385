namespace TownLake.Catalog.Stores.ChangeLog;

/// <summary>
/// A follower asked for entries after <see cref="Position"/>, but the log was pruned through <see cref="PrunedThrough"/>:
/// entries it never applied are gone, so it must rebuild from the store instead of catching up.
/// </summary>
public sealed class ChangeLogPrunedException(long position, long prunedThrough)
    : Exception($"The change log is pruned through entry {prunedThrough}; a follower at {position} cannot catch up from it and must rebuild from the store.")
{
    public long Position { get; } = position;

    public long PrunedThrough { get; } = prunedThrough;
}
