namespace TownLake.Engine.Execution;

/// <summary>One column of a query result: its name and the engine's type name (e.g. <c>BIGINT</c>, <c>VARCHAR</c>, <c>DECIMAL(18,2)</c>).</summary>
public sealed record ResultColumn(string Name, string Type);
