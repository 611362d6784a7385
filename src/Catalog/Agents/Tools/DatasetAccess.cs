namespace TownLake.Catalog.Agents.Tools;

/// <summary>
/// Whether the caller can query a dataset, as a search card shows it: <see cref="State"/> (e.g. <c>open</c>,
/// <c>pending-review</c>, <c>restricted</c>), whether it holds personal data, and where to ask for access. Filled from
/// the governance model's access state (null only when it has no answer for the dataset) (the query front
/// enforces access either way: <c>start_query</c> refuses what the caller may not read).
/// </summary>
public sealed record DatasetAccess(string State, bool? CanQuery = null, bool? ContainsPii = null, string? RequestLink = null)
{
    /// <summary>The card's view of the governance decision: the review state, whether the caller can query, PII, and how to ask when they cannot.</summary>
    public static DatasetAccess? From(Governance.DatasetAccess? decided) => decided is null
        ? null
        : new(
            decided.State.ToString().ToLowerInvariant(),
            decided.CanQuery,
            decided.PiiColumns.Count > 0,
            decided.CanQuery ? null : decided.Denial is null ? decided.Request : $"{decided.Denial}; {decided.Request}");
}
