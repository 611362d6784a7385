namespace TownLake.Catalog.Governance;

/// <summary>Which audit entries to read: by user (as actor or subject), dataset, kind and time range, newest first.</summary>
public sealed record GovernanceEventFilter
{
    public string? User { get; init; }
    public string? DatasetUrn { get; init; }
    public GovernanceEventKind? Kind { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public int First { get; init; } = 100;
}
