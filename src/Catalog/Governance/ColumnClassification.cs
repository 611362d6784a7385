namespace TownLake.Catalog.Governance;

/// <summary>
/// What a column holds, as the scanner found or a person decided. Evidence is which detectors fired and the share of
/// sampled values they matched — never a sampled value.
/// </summary>
/// <param name="Column">The column name as the catalog has it.</param>
/// <param name="Category">The category; <see cref="PiiCategory.None"/> means "not personal data".</param>
/// <param name="Source">Scanner or person; a person's classification is never overwritten by a scanner.</param>
/// <param name="Confidence">0..1 (1 for a person).</param>
/// <param name="Detectors">The detectors that fired (scanner) or empty (person).</param>
/// <param name="MatchRatio">Share of sampled non-null values matched (scanner), 0 for a person.</param>
/// <param name="Confirmed">True once a reviewer approved the column or a person classified it.</param>
/// <param name="ClassifiedBy">The scanner's or person's name.</param>
/// <param name="At">When it was classified.</param>
public sealed record ColumnClassification(
    string Column,
    PiiCategory Category,
    ClassificationSource Source,
    double Confidence,
    IReadOnlyList<string> Detectors,
    double MatchRatio,
    bool Confirmed,
    string ClassifiedBy,
    DateTimeOffset At)
{
    /// <summary>True when the column holds personal or secret data and is redacted unless unlocked.</summary>
    public bool IsPii => Category != PiiCategory.None;
}
