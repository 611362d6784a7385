namespace TownLake.Catalog.Lineage;

/// <summary>
/// One lineage edge: the downstream dataset (optionally one of its columns) is derived from the upstream one.
/// Column edges carry the transformation (OpenLineage's DIRECT/INDIRECT + subtype) and its expression.
/// </summary>
public sealed record LineageEdge
{
    public required string UpstreamUrn { get; init; }
    public required string DownstreamUrn { get; init; }

    /// <summary>Empty for a dataset-level edge.</summary>
    public string UpstreamColumn { get; init; } = "";

    /// <summary>Empty for a dataset-level edge.</summary>
    public string DownstreamColumn { get; init; } = "";

    /// <summary>Where the edge came from: sql, openlineage, dbt, view, manual.</summary>
    public required string Origin { get; init; }

    /// <summary>The producing job's URN, when known.</summary>
    public string? JobUrn { get; init; }

    /// <summary>DIRECT or INDIRECT, with the subtype (e.g. <c>DIRECT/AGGREGATION</c>); null for dataset-level edges.</summary>
    public string? Transformation { get; init; }

    /// <summary>The expression computing the downstream column, e.g. <c>billed_amount / 12</c>.</summary>
    public string? Expression { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public bool IsColumnEdge => DownstreamColumn.Length > 0;
}
