namespace TownLake.Catalog.Agents.Audit;

/// <summary>
/// One agent tool call in the audit trail: who called which tool through which face (<c>mcp</c>, <c>json</c>, or
/// <c>code</c> for a call made by a Code Mode script, whose <c>execute</c> call is its <see cref="ParentId"/>), with what
/// arguments (a script in full), how it ended (<c>OK</c> or the error code) and how big the answer was.
/// </summary>
public sealed record AgentCallRecord(
    string Id,
    string? ParentId,
    string User,
    string Tool,
    string Via,
    string Arguments,
    string Outcome,
    DateTimeOffset At,
    long ElapsedMs,
    int AnswerTokens);
