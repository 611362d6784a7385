namespace TownLake.Catalog.Lineage.Runs;

/// <summary>Runs of jobs (<c>lineage_runs</c>) and the datasets each read and wrote (<c>lineage_run_datasets</c>).</summary>
public interface ILineageRunStore
{
    /// <summary>
    /// Creates or changes one run in a transaction: <paramref name="change"/> gets the stored run (null when new) and
    /// returns the run to store; the datasets it read and wrote are replaced by the returned ones.
    /// </summary>
    Task<JobRun> SaveRunAsync(string runId, Func<JobRun?, JobRun> change, CancellationToken cancellationToken);

    /// <summary>One run, or null.</summary>
    Task<JobRun?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>A job's runs, newest first, and how many it has in all.</summary>
    Task<(IReadOnlyList<JobRun> Runs, int TotalCount)> ListRunsAsync(string jobUrn, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>The runs that read (inputs) or wrote (outputs) a dataset, newest first.</summary>
    Task<IReadOnlyList<JobRun>> ListDatasetRunsAsync(string datasetUrn, LineageDirection direction, int limit, CancellationToken cancellationToken);

    /// <summary>The jobs whose runs read (<see cref="LineageDirection.Downstream"/>: consumers) or wrote (upstream: producers) a dataset.</summary>
    Task<IReadOnlyList<string>> ListDatasetJobsAsync(string datasetUrn, LineageDirection direction, CancellationToken cancellationToken);
}
