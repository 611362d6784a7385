using TownLake.Engine.Execution;

namespace TownLake.Engine.Profiling;

/// <summary>One table of a profiling batch: its statistics, or why it could not be profiled (one table failing never stops the others).</summary>
public sealed record ProfileOutcome(ProfileTarget Target, TableStatistics? Statistics, QueryException? Error);
