namespace TownLake.Catalog.Lineage;

/// <summary>The datasets reached by a lineage walk, each with its distance from the start.</summary>
public sealed record LineageWalk(IReadOnlyDictionary<string, int> Depths, bool Truncated);
