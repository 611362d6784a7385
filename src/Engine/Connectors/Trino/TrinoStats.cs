namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// Progress of a statement as reported in <c>stats</c> of each response. <see cref="State"/> is Trino's text
/// (QUEUED, PLANNING, STARTING, RUNNING, FINISHING, FINISHED, FAILED, ...) kept as-is so a newer server's states pass through.
/// </summary>
public sealed record TrinoStats(
    string State,
    bool Queued,
    bool Scheduled,
    int Nodes,
    int TotalSplits,
    int CompletedSplits,
    long ElapsedTimeMillis,
    long ProcessedRows,
    long ProcessedBytes)
{
    internal static TrinoStats FromWire(StatsWire? stats) => stats is null
        ? new TrinoStats("UNKNOWN", false, false, 0, 0, 0, 0, 0, 0)
        : new TrinoStats(
            stats.State ?? "UNKNOWN", stats.Queued, stats.Scheduled, stats.Nodes, stats.TotalSplits,
            stats.CompletedSplits, stats.ElapsedTimeMillis, stats.ProcessedRows, stats.ProcessedBytes);
}
