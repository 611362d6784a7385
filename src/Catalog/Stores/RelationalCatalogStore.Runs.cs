using System.Text.Json;
using Dapper;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Lineage.Runs;

namespace TownLake.Catalog.Stores;

/// <summary>Runs of jobs (<c>lineage_runs</c>, the run as a JSON document) and the datasets they touched (<c>lineage_run_datasets</c>).</summary>
public abstract partial class RelationalCatalogStore : ILineageRunStore
{
    private const int MaxRunPage = 1_000;

    public async Task<JobRun> SaveRunAsync(string runId, Func<JobRun?, JobRun> change, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        var doc = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            $"SELECT doc FROM lineage_runs WHERE run_id = @runId{ForUpdate}", new { runId }, transaction, cancellationToken: cancellationToken));
        var run = change(doc is null ? null : ReadRun(doc));
        if (run.RunId != runId)
        {
            throw new InvalidOperationException("A run cannot change its id.");
        }

        var args = new
        {
            runId,
            job = run.JobUrn,
            state = run.State,
            created = run.CreatedAt.ToUnixTimeMilliseconds(),
            updated = run.UpdatedAt.ToUnixTimeMilliseconds(),
            doc = JsonSerializer.Serialize(run, CatalogJson.Options),
        };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO lineage_runs (run_id, job, state, created_at, updated_at, doc) VALUES (@runId, @job, @state, @created, @updated, @doc)
            ON CONFLICT (run_id) DO UPDATE SET job = excluded.job, state = excluded.state, created_at = excluded.created_at,
              updated_at = excluded.updated_at, doc = excluded.doc
            """, args, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM lineage_run_datasets WHERE run_id = @runId", args, transaction, cancellationToken: cancellationToken));
        var touched = run.Inputs.Select(d => (d.DatasetUrn, Direction: "input")).Concat(run.Outputs.Select(d => (d.DatasetUrn, Direction: "output"))).Distinct();
        foreach (var (dataset, direction) in touched)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO lineage_run_datasets (run_id, dataset, direction, job, created_at) VALUES (@runId, @dataset, @direction, @job, @created)",
                new { runId, dataset, direction, job = run.JobUrn, created = args.created }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return run;
    }

    public async Task<JobRun?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var doc = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT doc FROM lineage_runs WHERE run_id = @runId", new { runId }, cancellationToken: cancellationToken));
        return doc is null ? null : ReadRun(doc);
    }

    public async Task<(IReadOnlyList<JobRun> Runs, int TotalCount)> ListRunsAsync(string jobUrn, int limit, int offset, CancellationToken cancellationToken)
    {
        CheckRunPage(limit, offset);
        await using var connection = await OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM lineage_runs WHERE job = @jobUrn", new { jobUrn }, cancellationToken: cancellationToken));
        var docs = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT doc FROM lineage_runs WHERE job = @jobUrn ORDER BY created_at DESC, run_id DESC LIMIT @limit OFFSET @offset",
            new { jobUrn, limit, offset }, cancellationToken: cancellationToken));
        return ([.. docs.Select(ReadRun)], (int)total);
    }

    public async Task<IReadOnlyList<JobRun>> ListDatasetRunsAsync(string datasetUrn, LineageDirection direction, int limit, CancellationToken cancellationToken)
    {
        CheckRunPage(limit, 0);
        await using var connection = await OpenAsync(cancellationToken);
        var docs = await connection.QueryAsync<string>(new CommandDefinition(
            $"""
            SELECT r.doc FROM lineage_runs r
            WHERE r.run_id IN (SELECT d.run_id FROM lineage_run_datasets d WHERE d.dataset = @datasetUrn{DirectionFilter(direction)})
            ORDER BY r.created_at DESC, r.run_id DESC LIMIT @limit
            """, new { datasetUrn, limit }, cancellationToken: cancellationToken));
        return [.. docs.Select(ReadRun)];
    }

    public async Task<IReadOnlyList<string>> ListDatasetJobsAsync(string datasetUrn, LineageDirection direction, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var jobs = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT DISTINCT d.job FROM lineage_run_datasets d WHERE d.dataset = @datasetUrn{DirectionFilter(direction)} ORDER BY d.job",
            new { datasetUrn }, cancellationToken: cancellationToken));
        return [.. jobs];
    }

    /// <summary>Upstream of a dataset are the runs that wrote it; downstream, the runs that read it.</summary>
    private static string DirectionFilter(LineageDirection direction) => direction switch
    {
        LineageDirection.Upstream => " AND d.direction = 'output'",
        LineageDirection.Downstream => " AND d.direction = 'input'",
        _ => "",
    };

    private static void CheckRunPage(int limit, int offset)
    {
        if (limit is < 0 or > MaxRunPage || offset < 0)
        {
            throw CatalogException.BadInput($"limit must be between 0 and {MaxRunPage} and offset 0 or more.");
        }
    }

    private static JobRun ReadRun(string doc) =>
        JsonSerializer.Deserialize<JobRun>(doc, CatalogJson.Options) ?? throw new InvalidOperationException("A stored run is empty.");
}
