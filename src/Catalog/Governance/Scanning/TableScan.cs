namespace TownLake.Catalog.Governance.Scanning;

/// <summary>
/// The outcome of scanning one table: a finding per sampled column, how many rows were read and when. The sampled
/// values are gone by the time this exists.
/// </summary>
public sealed record TableScan(string Dataset, IReadOnlyList<ColumnFinding> Findings, int Rows, bool StoppedAtByteBudget, DateTimeOffset ScannedAt);
