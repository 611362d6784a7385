using TownLake.Catalog.Agents.Budgets;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Agents;

/// <summary>One call of an agent tool: who asks (every tool acts as this caller), the checked arguments, the budget.</summary>
public sealed record AgentToolCall(AgentTool Tool, AgentArguments Arguments, Caller Caller, AgentBudget Budget, string CallId, CancellationToken CancellationToken);
