namespace TownLake.Catalog.Governance.Scanning;

/// <summary>
/// One detector's claim about a column: the category it points at, where it came from, the share of sampled non-null
/// values it matched (0 for name and comment hints) and how much it proves alone. Never a sampled value.
/// </summary>
public sealed record DetectorEvidence(PiiCategory Category, string Detector, EvidenceKind Kind, double MatchRatio, EvidenceStrength Strength);
