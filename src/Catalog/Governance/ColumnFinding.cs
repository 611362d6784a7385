namespace TownLake.Catalog.Governance;

/// <summary>
/// What a classifier concluded about one column from a sample: the category, how sure it is (0..1), which detectors
/// fired and the share of sampled non-null values they matched. It never carries a sampled value.
/// </summary>
public sealed record ColumnFinding(
    string Column,
    PiiCategory Category,
    double Confidence,
    IReadOnlyList<string> Detectors,
    double MatchRatio);
