using Dapper;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.OpenLineage;

namespace TownLake.Catalog.Stores;

/// <summary>Paged reads of the OpenLineage event log (Marquez's <c>GET /api/v1/events/lineage</c>).</summary>
public abstract partial class RelationalCatalogStore
{
    public async Task<LineageEventPage> PageLineageEventsAsync(LineageEventQuery query, CancellationToken cancellationToken)
    {
        if (query.Limit is < 0 or > LineageEventQuery.MaxLimit || query.Offset < 0)
        {
            throw CatalogException.BadInput($"limit must be between 0 and {LineageEventQuery.MaxLimit} and offset 0 or more.");
        }

        var conditions = new List<string>();
        if (query.Before is not null)
        {
            conditions.Add("event_time < @before");
        }

        if (query.After is not null)
        {
            conditions.Add("event_time >= @after");
        }

        if (query.RunId is not null)
        {
            conditions.Add("run_id = @runId");
        }

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var order = query.Ascending ? "ASC" : "DESC";
        var args = new
        {
            before = query.Before?.ToUnixTimeMilliseconds(),
            after = query.After?.ToUnixTimeMilliseconds(),
            runId = query.RunId,
            limit = query.Limit,
            offset = query.Offset,
        };
        await using var connection = await OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM lineage_events{where}", args, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<(string Key, string RunId, string EventType, string Job, long EventTime, string Hash, string Payload)>(new CommandDefinition(
            $"SELECT event_key, run_id, event_type, job, event_time, hash, payload FROM lineage_events{where} ORDER BY event_time {order}, received_at {order}, event_key {order} LIMIT @limit OFFSET @offset",
            args, cancellationToken: cancellationToken));
        return new LineageEventPage(
            [.. rows.Select(r => new StoredLineageEvent(r.Key, r.RunId, r.EventType, r.Job, DateTimeOffset.FromUnixTimeMilliseconds(r.EventTime), r.Hash, r.Payload))],
            total);
    }
}
