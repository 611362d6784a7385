namespace TownLake.Catalog.Governance;

/// <summary>
/// One entry of the governance audit trail: a review, classification, grant, request, PII unlock or refused query.
/// </summary>
/// <param name="Id">Assigned by the store (0 before it is written).</param>
/// <param name="At">When it happened.</param>
/// <param name="Actor">Who did it (a reviewer, a requester, the querying user, <c>scanner</c>, <c>townlake</c>).</param>
/// <param name="Kind">What happened.</param>
/// <param name="DatasetUrn">The dataset concerned, if one.</param>
/// <param name="Column">The column concerned, if one.</param>
/// <param name="Subject">The user or group it was done for (a grantee, a requester), if not the actor.</param>
/// <param name="Summary">One human line.</param>
public sealed record GovernanceEvent(
    long Id,
    DateTimeOffset At,
    string Actor,
    GovernanceEventKind Kind,
    string? DatasetUrn,
    string? Column,
    string? Subject,
    string Summary);
