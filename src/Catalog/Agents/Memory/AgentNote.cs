namespace TownLake.Catalog.Agents.Memory;

/// <summary>
/// Something an agent learned and wrote down (<c>remember</c>): a fact, the catalog entities it is about (dataset or
/// column names), and who may read it — only its author (<see cref="Team"/> null) or everyone in a team (group).
/// </summary>
public sealed record AgentNote(
    string Id,
    string Fact,
    IReadOnlyList<string> About,
    string Author,
    string? Team,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    public bool IsShared => Team is not null;
}
