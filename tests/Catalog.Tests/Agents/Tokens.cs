using TownLake.Catalog.Agents.Budgets;

namespace TownLake.Catalog.Tests.Agents;

/// <summary>Counts tokens as the service does, to check answers against their budgets.</summary>
public static class Tokens
{
    private static readonly TokenCounter Counter = new();

    public static int Count(string text) => Counter.Count(text);
}
