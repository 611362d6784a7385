using System.Runtime.CompilerServices;
using Dapper;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Lineage.OpenLineage;

namespace TownLake.Catalog.Stores;

/// <summary>Lineage ingestion state: received OpenLineage events, dataset aliases, the lineage version counter.</summary>
public abstract partial class RelationalCatalogStore
{
    public async IAsyncEnumerable<LineageEdge> StreamLineageEdgesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition($"SELECT {EdgeColumns} FROM lineage_edges", cancellationToken: cancellationToken));
        var parser = reader.GetRowParser<EdgeRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return parser(reader).ToEdge();
        }
    }

    public async Task<long> GetLineageVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT version FROM lineage_version WHERE id = 1", cancellationToken: cancellationToken));
    }

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

    public async Task SaveDatasetAliasesAsync(IReadOnlyList<DatasetAlias> aliases, CancellationToken cancellationToken)
    {
        if (aliases.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        foreach (var alias in aliases.DistinctBy(a => (a.Namespace, a.Name)))
        {
            var isPrimary = alias.IsPrimary && await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM dataset_aliases WHERE urn = @DatasetUrn AND is_primary = 1 AND NOT (namespace = @Namespace AND name = @Name)",
                alias, transaction, cancellationToken: cancellationToken)) == 0;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO dataset_aliases (namespace, name, urn, is_primary) VALUES (@Namespace, @Name, @DatasetUrn, @primary)
                ON CONFLICT (namespace, name) DO UPDATE SET is_primary = CASE WHEN dataset_aliases.urn = excluded.urn
                  THEN (CASE WHEN dataset_aliases.is_primary = 1 OR excluded.is_primary = 1 THEN 1 ELSE 0 END) ELSE dataset_aliases.is_primary END
                """,
                new { alias.Namespace, alias.Name, alias.DatasetUrn, primary = isPrimary ? 1 : 0 }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<DatasetAlias?> FindDatasetAliasAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Namespace, string Name, string Urn, long IsPrimary)?>(new CommandDefinition(
            "SELECT namespace, name, urn, is_primary FROM dataset_aliases WHERE namespace = @namespace AND name = @name",
            new { @namespace, name }, cancellationToken: cancellationToken));
        return row is { } r ? new DatasetAlias(r.Namespace, r.Name, r.Urn, r.IsPrimary == 1) : null;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DatasetAlias>>> GetDatasetAliasesAsync(IReadOnlyCollection<string> urns, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<DatasetAlias>>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in urns.Distinct().Chunk(500))
        {
            var (names, parameters) = InList(chunk);

            var rows = await connection.QueryAsync<(string Namespace, string Name, string Urn, long IsPrimary)>(new CommandDefinition(
                $"SELECT namespace, name, urn, is_primary FROM dataset_aliases WHERE urn IN ({names}) ORDER BY is_primary DESC, namespace, name",
                parameters, cancellationToken: cancellationToken));
            foreach (var r in rows)
            {
                if (!result.TryGetValue(r.Urn, out var list))
                {
                    result[r.Urn] = list = [];
                }

                list.Add(new DatasetAlias(r.Namespace, r.Name, r.Urn, r.IsPrimary == 1));
            }
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<DatasetAlias>)p.Value, StringComparer.Ordinal);
    }

    private static Task BumpLineageVersionAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("UPDATE lineage_version SET version = version + 1 WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));
}
