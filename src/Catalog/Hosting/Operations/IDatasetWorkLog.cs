namespace TownLake.Catalog.Hosting.Operations;

/// <summary>
/// Where per-dataset scheduled jobs (the PII scanner, profiling) record what they did, so that after a restart, or on
/// another replica, each knows which datasets are up to date (<see cref="DatasetSchedule"/>).
/// </summary>
public interface IDatasetWorkLog
{
    /// <summary>Records that <paramref name="job"/> did the dataset, replacing the record before.</summary>
    Task RecordDatasetWorkAsync(string job, DatasetWorkRecord record, CancellationToken cancellationToken);

    /// <summary>The records <paramref name="job"/> has of the given datasets; datasets it never did are absent.</summary>
    Task<IReadOnlyDictionary<string, DatasetWorkRecord>> GetDatasetWorkAsync(string job, IReadOnlyCollection<string> datasetUrns, CancellationToken cancellationToken);
}
