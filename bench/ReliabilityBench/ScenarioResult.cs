namespace TownLake.ReliabilityBench;

/// <summary>One scenario's part of the results file, and the targets it checked.</summary>
internal sealed record ScenarioResult(string Markdown, IReadOnlyList<(string Target, string Measured, bool Met)> Checks);
