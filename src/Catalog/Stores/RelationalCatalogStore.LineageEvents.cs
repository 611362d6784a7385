using Dapper;
using TownLake.Catalog.Lineage.OpenLineage;

namespace TownLake.Catalog.Stores;

/// <summary>The OpenLineage event log (<c>lineage_events</c>), one row per event key.</summary>
public abstract partial class RelationalCatalogStore : ILineageEventLog
{
    public async Task<bool> RecordLineageEventAsync(StoredLineageEvent lineageEvent, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var hash = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            $"SELECT hash FROM lineage_events WHERE event_key = @Key{ForUpdate}", new { lineageEvent.Key }, transaction, cancellationToken: cancellationToken));
        if (hash == lineageEvent.Hash)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO lineage_events (event_key, run_id, event_type, job, event_time, received_at, hash, payload)
            VALUES (@Key, @RunId, @EventType, @JobUrn, @EventTime, @ReceivedAt, @Hash, @Payload)
            ON CONFLICT (event_key) DO UPDATE SET run_id = excluded.run_id, event_type = excluded.event_type, job = excluded.job,
              event_time = excluded.event_time, received_at = excluded.received_at, hash = excluded.hash, payload = excluded.payload
            """,
            new
            {
                lineageEvent.Key,
                lineageEvent.RunId,
                lineageEvent.EventType,
                lineageEvent.JobUrn,
                EventTime = lineageEvent.EventTime.ToUnixTimeMilliseconds(),
                ReceivedAt = Now(),
                lineageEvent.Hash,
                lineageEvent.Payload,
            }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<StoredLineageEvent>> ListLineageEventsAsync(string? jobUrn, int first, CancellationToken cancellationToken)
    {
        if (first is < 0 or > 10_000)
        {
            throw Identity.CatalogException.BadInput("'first' must be between 0 and 10000.");
        }

        await using var connection = await OpenAsync(cancellationToken);
        var filter = jobUrn is null ? "" : " WHERE job = @jobUrn";
        var rows = await connection.QueryAsync<(string Key, string RunId, string EventType, string Job, long EventTime, string Hash, string Payload)>(new CommandDefinition(
            $"SELECT event_key, run_id, event_type, job, event_time, hash, payload FROM lineage_events{filter} ORDER BY event_time DESC, received_at DESC LIMIT @first",
            new { jobUrn, first }, cancellationToken: cancellationToken));
        return rows.Select(r => new StoredLineageEvent(r.Key, r.RunId, r.EventType, r.Job, DateTimeOffset.FromUnixTimeMilliseconds(r.EventTime), r.Hash, r.Payload)).ToList();
    }
}
