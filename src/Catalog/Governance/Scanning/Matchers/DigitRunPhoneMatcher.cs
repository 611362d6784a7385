namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Seven to fifteen digits with at most separators between them: what a phone column holds when it was stored without
/// formatting. As many ids and amounts look the same, it only counts beside a name or comment hint.
/// </summary>
public sealed class DigitRunPhoneMatcher : ValueMatcher
{
    public override string Name => "phone-digits";

    public override PiiCategory Category => PiiCategory.Phone;

    public override EvidenceStrength Strength => EvidenceStrength.Weak;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape) =>
        shape.Digits is >= 7 and <= 15 && shape.Letters == 0 && shape.Colons == 0 && shape.Ats == 0 && shape.Dots <= 3
        && shape.Digits + shape.Spaces + shape.Dots + shape.Dashes + shape.Other == shape.Length
        && !value.ContainsAnyExcept("0123456789 -.()+");
}
