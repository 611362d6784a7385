using Dapper;
using TownLake.Catalog.History;

namespace TownLake.Catalog.Stores;

/// <summary>The change history written beside every entity save.</summary>
public abstract partial class RelationalCatalogStore : IEntityHistoryStore
{
    public async Task<IReadOnlyList<ChangeEvent>> GetHistoryAsync(string urn, int first, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Urn, string Aspect, string Actor, long At, string Summary, string? Before, string? After)>(new CommandDefinition(
            "SELECT id, urn, aspect, actor, at, summary, before_json, after_json FROM changes WHERE urn = @urn ORDER BY id DESC LIMIT @first",
            new { urn, first = Math.Clamp(first, 0, 1000) }, cancellationToken: cancellationToken));
        return rows.Select(r => new ChangeEvent(r.Id, r.Urn, r.Aspect, r.Actor, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Summary, r.Before, r.After)).ToList();
    }
}
