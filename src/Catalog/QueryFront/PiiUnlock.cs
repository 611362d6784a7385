namespace TownLake.Catalog.QueryFront;

/// <summary>A caller's ask, on one query, to see PII unredacted where they hold a READ_PII grant, with the reason (audited).</summary>
public sealed record PiiUnlock(string Reason);
