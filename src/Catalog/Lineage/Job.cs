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
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public ICatalogEntity Stamped(DateTimeOffset createdAt, DateTimeOffset updatedAt) => this with { CreatedAt = createdAt, UpdatedAt = updatedAt };

    public IEnumerable<KeyValuePair<string, object?>> Aspects()
    {
        yield return new("properties", new { Namespace, Sql, Description });
        yield return new("lastRun", new { LastRunAt, LastRunId, LastRunState });
        yield return new("status", new { Removed });
    }
}
