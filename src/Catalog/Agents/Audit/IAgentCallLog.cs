namespace TownLake.Catalog.Agents.Audit;

/// <summary>The audit trail of agent tool calls (the store writes it; administrators and tests read it).</summary>
public interface IAgentCallLog
{
    Task RecordAsync(AgentCallRecord call, CancellationToken cancellationToken);

    /// <summary>A user's calls (every user's when null), newest first, at most <paramref name="first"/> (1..1000).</summary>
    Task<IReadOnlyList<AgentCallRecord>> ListAsync(string? user, int first, CancellationToken cancellationToken);
}
