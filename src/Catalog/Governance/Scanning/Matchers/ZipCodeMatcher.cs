namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>Five-digit US ZIP codes: any five-digit number looks the same, so this only counts beside a hint.</summary>
public sealed class ZipCodeMatcher : ValueMatcher
{
    public override string Name => "zip-code";

    public override PiiCategory Category => PiiCategory.PostalAddress;

    public override EvidenceStrength Strength => EvidenceStrength.Weak;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape) => shape.Length == 5 && shape.Digits == 5;
}
