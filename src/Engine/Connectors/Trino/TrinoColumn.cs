namespace TownLake.Engine.Connectors.Trino;

/// <summary>A result column: its name, Trino's type text (e.g. <c>varchar(20)</c>) and the parsed type.</summary>
public sealed record TrinoColumn(string Name, string TypeName, TrinoType Type);
