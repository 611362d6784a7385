namespace TownLake.Catalog.Lineage.Runs;

/// <summary>
/// One run of a job, built from the OpenLineage events that carry its run id: its state (Marquez's NEW, RUNNING,
/// COMPLETED, FAILED, ABORTED) and each change of it, start and end times, the scheduler's nominal times, the parent run
/// (an Airflow task's DAG run), the job version it ran, its error, its run facets, and the datasets it read and wrote.
/// </summary>
public sealed record JobRun
{
    public required string RunId { get; init; }
    public required string JobUrn { get; init; }
    public required string State { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public DateTimeOffset? NominalStartTime { get; init; }
    public DateTimeOffset? NominalEndTime { get; init; }
    public string? ParentRunId { get; init; }
    public string? ParentJobUrn { get; init; }
    public string? JobVersion { get; init; }
    public string? ErrorMessage { get; init; }
    public string? ErrorLanguage { get; init; }
    public string? StackTrace { get; init; }

    /// <summary>The run facets of the latest event, merged over earlier ones (compact JSON object).</summary>
    public string Facets { get; init; } = "{}";

    public IReadOnlyList<RunTransition> Transitions { get; init; } = [];
    public IReadOnlyList<RunDataset> Inputs { get; init; } = [];
    public IReadOnlyList<RunDataset> Outputs { get; init; } = [];

    /// <summary>Milliseconds from start to end, when both are known.</summary>
    public long? DurationMs => StartedAt is { } start && EndedAt is { } end ? (long)(end - start).TotalMilliseconds : null;

    /// <summary>Marquez's run state for an OpenLineage event type.</summary>
    public static string StateOf(string eventType) => eventType switch
    {
        "START" or "RUNNING" => "RUNNING",
        "COMPLETE" => "COMPLETED",
        "FAIL" => "FAILED",
        "ABORT" => "ABORTED",
        _ => "NEW",
    };

    /// <summary>True for the states a run ends in.</summary>
    public static bool IsFinal(string state) => state is "COMPLETED" or "FAILED" or "ABORTED";
}

/// <summary>A change of a run's state, at the event time that reported it.</summary>
public sealed record RunTransition(string State, string EventType, DateTimeOffset At);

/// <summary>
/// A dataset a run read or wrote: the catalog dataset, its OpenLineage name, and the version the producer gave
/// (the <c>version</c> facet) or the event time's version when none was given.
/// </summary>
public sealed record RunDataset(string DatasetUrn, string Namespace, string Name, string? Version);
