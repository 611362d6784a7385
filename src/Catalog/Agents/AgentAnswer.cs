using TownLake.Catalog.Hosting.Errors;

namespace TownLake.Catalog.Agents;

/// <summary>What a tool call produced: its answer as JSON text (within budget, <see cref="Tokens"/> long), or its error.</summary>
public sealed record AgentAnswer(string? Json, CatalogError? Error, int Tokens)
{
    public bool IsError => Error is not null;
}
