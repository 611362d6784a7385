using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage;

/// <summary>A job that produces datasets (an OpenLineage job, a dbt model run, a view definition), with its SQL when known.</summary>
public sealed record Job : ICatalogEntity
{
    public required string Urn { get; init; }
    public required string Name { get; init; }
    public required string Namespace { get; init; }
    public EntityType Type => EntityType.Job;
    public string? Sql { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset? LastRunAt { get; init; }
    public string? LastRunId { get; init; }
    public string? LastRunState { get; init; }
    public bool Removed { get; init; }

    /// <summary>A hash of what defines the job (its SQL, source location, inputs and outputs); a new one when they change.</summary>
    public string? Version { get; init; }

    /// <summary>The datasets the job's latest run read, by URN (a job may have only inputs: an export).</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>The datasets the job's latest run wrote, by URN (a job may have only outputs: a Kafka producer).</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>The parent job (an Airflow task's DAG), from the <c>parent</c> run facet.</summary>
    public string? ParentJobUrn { get; init; }

    /// <summary>Where the job's code lives (<c>sourceCodeLocation</c> job facet: url, else repository URL and path).</summary>
    public string? Location { get; init; }

    /// <summary>The job's owners from the <c>ownership</c> job facet.</summary>
    public IReadOnlyList<string> Owners { get; init; } = [];

    /// <summary>BATCH or STREAMING, from the <c>jobType</c> job facet (BATCH when not said).</summary>
    public string ProcessingType { get; init; } = "BATCH";

    /// <summary>The integration that reported the job (SPARK, AIRFLOW, DBT, …), from the <c>jobType</c> job facet.</summary>
    public string? Integration { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public ICatalogEntity Stamped(DateTimeOffset createdAt, DateTimeOffset updatedAt) => this with { CreatedAt = createdAt, UpdatedAt = updatedAt };

    public IEnumerable<KeyValuePair<string, object?>> Aspects()
    {
        yield return new("properties", new { Namespace, Sql, Description, Location, ProcessingType, Integration, ParentJobUrn });
        yield return new("version", new { Version, Inputs, Outputs });
        yield return new("ownership", new { Owners });
        yield return new("lastRun", new { LastRunAt, LastRunId, LastRunState });
        yield return new("status", new { Removed });
    }
}
