namespace TownLake.Catalog.Stores.ChangeLog;

/// <summary>What one pruning pass did: the log now starts after <see cref="PrunedThrough"/>; <see cref="Deleted"/> entries went.</summary>
public sealed record ChangeLogPruning(long PrunedThrough, int Deleted, int LiveFollowers);
