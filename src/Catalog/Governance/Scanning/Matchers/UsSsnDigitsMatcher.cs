namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Nine bare digits that satisfy the SSN rules. Most nine-digit ids do too, so this only counts beside a hint
/// (<c>ssn</c>, <c>social security</c>).
/// </summary>
public sealed class UsSsnDigitsMatcher : ValueMatcher
{
    public override string Name => "us-ssn-digits";

    public override PiiCategory Category => PiiCategory.GovernmentId;

    public override EvidenceStrength Strength => EvidenceStrength.Weak;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape) =>
        shape.Length == 9 && shape.Digits == 9 && UsSsnMatcher.IsValid(value[..3], value[3..5], value[5..]);
}
