namespace TownLake.Engine.Connectors;

/// <summary>A schema of a source (also listed when it holds no table).</summary>
public sealed record ExtractedSchema(string Name, string? Comment = null);
