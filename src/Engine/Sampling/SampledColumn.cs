namespace TownLake.Engine.Sampling;

/// <summary>
/// One column of a table sample: its name, the engine's type name and the sampled values as invariant text (null for SQL
/// NULL and for values that have no text form, such as binary and nested values, counted in <see cref="NonTextValues"/>).
/// </summary>
public sealed record SampledColumn(string Name, string Type, IReadOnlyList<string?> Values, int NonTextValues);
