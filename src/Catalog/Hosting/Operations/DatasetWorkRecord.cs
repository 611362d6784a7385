namespace TownLake.Catalog.Hosting.Operations;

/// <summary>When a scheduled job last did one dataset, and which version of the dataset's columns it saw then.</summary>
/// <param name="DatasetUrn">The dataset.</param>
/// <param name="SchemaVersion">The dataset's <see cref="Datasets.Dataset.SchemaVersion"/> the job worked on.</param>
/// <param name="DoneAt">When the job finished it.</param>
public sealed record DatasetWorkRecord(string DatasetUrn, int SchemaVersion, DateTimeOffset DoneAt);
