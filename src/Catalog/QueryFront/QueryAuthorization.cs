using TownLake.Engine.Execution;

namespace TownLake.Catalog.QueryFront;

/// <summary>What a statement was allowed: the engine's visibility (datasets, columns, masks) and the PII unlocked per dataset.</summary>
public sealed record QueryAuthorization(QueryVisibility Visibility, IReadOnlyList<UnlockedPii> Unlocked);

/// <summary>PII columns of one dataset that a query returns unredacted.</summary>
public sealed record UnlockedPii(string DatasetUrn, string Dataset, IReadOnlyList<string> Columns);
