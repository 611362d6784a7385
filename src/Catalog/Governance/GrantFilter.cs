namespace TownLake.Catalog.Governance;

/// <summary>Which grants to list: of a principal (kind and name), of a dataset, and only those active at a time.</summary>
public sealed record GrantFilter
{
    public PrincipalKind? PrincipalKind { get; init; }
    public string? Principal { get; init; }
    public string? DatasetUrn { get; init; }

    /// <summary>When set, only grants not revoked and not expired at this time.</summary>
    public DateTimeOffset? ActiveAt { get; init; }

    public int First { get; init; } = 200;
}
