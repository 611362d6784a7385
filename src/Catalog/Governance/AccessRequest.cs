namespace TownLake.Catalog.Governance;

/// <summary>A user's request for access to a dataset, and the reviewer's decision once made.</summary>
public sealed record AccessRequest : IAccessTerms
{
    public required string Id { get; init; }
    public required string Requester { get; init; }
    public required string DatasetUrn { get; init; }

    /// <summary>The columns asked for; empty means the whole dataset.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    public required AccessLevel Level { get; init; }
    public required string Reason { get; init; }

    /// <summary>How long the requester wants access for (the grant's expiry is the decision time plus this).</summary>
    public required TimeSpan Duration { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
    public RequestState State { get; init; } = RequestState.Pending;
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecisionNote { get; init; }

    /// <summary>The grant an approval created.</summary>
    public string? GrantId { get; init; }
}
