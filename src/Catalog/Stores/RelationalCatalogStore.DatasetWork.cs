using Dapper;
using TownLake.Catalog.Hosting.Operations;

namespace TownLake.Catalog.Stores;

/// <summary>Scheduled work per dataset (<c>dataset_work</c>): one row per job and dataset, the latest run's.</summary>
public abstract partial class RelationalCatalogStore : IDatasetWorkLog
{
    public Task RecordDatasetWorkAsync(string job, DatasetWorkRecord record, CancellationToken cancellationToken) =>
        // Bookkeeping of derived work, not catalog content: it joins no change log and no entity history.
        ExecuteAsync(
            """
            INSERT INTO dataset_work (job, dataset_urn, schema_version, done_at) VALUES (@job, @DatasetUrn, @SchemaVersion, @DoneAt)
            ON CONFLICT (job, dataset_urn) DO UPDATE SET schema_version = excluded.schema_version, done_at = excluded.done_at
            """,
            new { job, record.DatasetUrn, record.SchemaVersion, DoneAt = record.DoneAt.ToUnixTimeMilliseconds() },
            cancellationToken);

    public async Task<IReadOnlyDictionary<string, DatasetWorkRecord>> GetDatasetWorkAsync(string job, IReadOnlyCollection<string> datasetUrns, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, DatasetWorkRecord>(StringComparer.Ordinal);
        if (datasetUrns.Count == 0)
        {
            return result;
        }

        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in datasetUrns.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var (names, parameters) = InList(chunk);
            parameters.Add("job", job);
            var rows = await connection.QueryAsync<(string DatasetUrn, long SchemaVersion, long DoneAt)>(new CommandDefinition(
                $"SELECT dataset_urn, schema_version, done_at FROM dataset_work WHERE job = @job AND dataset_urn IN ({names})", parameters, cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                result[row.DatasetUrn] = new DatasetWorkRecord(row.DatasetUrn, (int)row.SchemaVersion, DateTimeOffset.FromUnixTimeMilliseconds(row.DoneAt));
            }
        }

        return result;
    }
}
