namespace TownLake.Catalog.Agents.Tools;

/// <summary>
/// Whether the caller can query a dataset, as a search card shows it: <see cref="State"/> (e.g. <c>open</c>,
/// <c>pending-review</c>, <c>restricted</c>), whether it holds personal data, and where to ask for access. Filled from
/// the governance model's access state; null on a card until that model answers for the dataset (the query front
/// enforces access either way: <c>start_query</c> refuses what the caller may not read).
/// </summary>
public sealed record DatasetAccess(string State, bool? CanQuery = null, bool? ContainsPii = null, string? RequestLink = null);
