namespace TownLake.Catalog.Governance;

/// <summary>Which access requests to list: by requester, dataset and state, newest first.</summary>
public sealed record RequestFilter
{
    public string? Requester { get; init; }
    public string? DatasetUrn { get; init; }
    public RequestState? State { get; init; }
    public int First { get; init; } = 200;
}
