using Dapper;
using TownLake.Catalog.Agents.Audit;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Stores;

/// <summary>The agent tool-call audit trail (<see cref="IAgentCallLog"/>), table <c>agent_calls</c> (migration 110).</summary>
public abstract partial class RelationalCatalogStore : IAgentCallLog
{
    public async Task RecordAsync(AgentCallRecord call, CancellationToken cancellationToken)
    {
        await ExecuteAsync("""
            INSERT INTO agent_calls (id, parent_id, user_name, tool, via, arguments, outcome, at, elapsed_ms, answer_tokens)
            VALUES (@Id, @ParentId, @User, @Tool, @Via, @Arguments, @Outcome, @At, @ElapsedMs, @AnswerTokens)
            """, new
        {
            call.Id,
            call.ParentId,
            call.User,
            call.Tool,
            call.Via,
            call.Arguments,
            call.Outcome,
            At = call.At.ToUnixTimeMilliseconds(),
            call.ElapsedMs,
            call.AnswerTokens,
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<AgentCallRecord>> ListAsync(string? user, int first, CancellationToken cancellationToken)
    {
        if (first is < 1 or > 1000)
        {
            throw CatalogException.BadInput("'first' must be between 1 and 1000.");
        }

        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AgentCallRow>(new CommandDefinition(
            "SELECT * FROM agent_calls WHERE (@user IS NULL OR user_name = @user) ORDER BY at DESC, id LIMIT @first",
            new { user, first }, cancellationToken: cancellationToken));
        return rows.Select(r => new AgentCallRecord(r.Id, r.Parent_Id, r.User_Name, r.Tool, r.Via, r.Arguments, r.Outcome,
            DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Elapsed_Ms, (int)r.Answer_Tokens)).ToList();
    }

    private sealed class AgentCallRow
    {
        public string Id { get; set; } = "";
        public string? Parent_Id { get; set; }
        public string User_Name { get; set; } = "";
        public string Tool { get; set; } = "";
        public string Via { get; set; } = "";
        public string Arguments { get; set; } = "";
        public string Outcome { get; set; } = "";
        public long At { get; set; }
        public long Elapsed_Ms { get; set; }
        public long Answer_Tokens { get; set; }
    }
}
