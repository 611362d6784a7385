namespace TownLake.Catalog.Agents.Budgets;

/// <summary>
/// The most tokens one tool answer may take in a model's context, as the caller asked (<c>budget</c>) or by default.
/// Every tool fits its answer inside it and says what it left out.
/// </summary>
public readonly record struct AgentBudget(int Tokens)
{
    public const int Default = 2_000;
    public const int Min = 200;
    public const int Max = 32_000;

    /// <summary>Tokens kept free for the client's own wrapping of the answer (the JSON-RPC envelope is not counted).</summary>
    public const int Reserve = 8;

    /// <summary>What the answer itself may use.</summary>
    public int Usable => Tokens - Reserve;
}
