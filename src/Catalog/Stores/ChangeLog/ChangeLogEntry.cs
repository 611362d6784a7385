namespace TownLake.Catalog.Stores.ChangeLog;

/// <summary>A committed change with its gap-free sequence number (1, 2, 3, … in commit order).</summary>
public sealed record ChangeLogEntry(long Sequence, string Kind, string Key, DateTimeOffset At);
