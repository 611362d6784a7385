namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Canadian Social Insurance Numbers written <c>123-456-782</c> (or with spaces): nine digits in three groups of three,
/// not starting with 0 or 8, passing the Luhn check.
/// </summary>
public sealed class CanadianSinMatcher : ValueMatcher
{
    public override string Name => "ca-sin";

    public override PiiCategory Category => PiiCategory.GovernmentId;

    public override EvidenceStrength Strength => EvidenceStrength.Moderate;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape) =>
        shape.Length == 11 && shape.Digits == 9 && value[3] == value[7] && value[3] is '-' or ' '
        && char.IsAsciiDigit(value[0]) && value[0] is not ('0' or '8') && CheckDigits.Luhn(value);
}
