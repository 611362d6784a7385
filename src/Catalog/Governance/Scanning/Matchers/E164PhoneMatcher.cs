namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// International phone numbers written with a leading <c>+</c> (E.164: country code first, 8 to 15 digits in all),
/// with the usual spaces, dashes, dots or parentheses between groups.
/// </summary>
public sealed class E164PhoneMatcher : ValueMatcher
{
    public override string Name => "e164-phone";

    public override PiiCategory Category => PiiCategory.Phone;

    public override EvidenceStrength Strength => EvidenceStrength.Strong;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Digits is < 8 or > 15 || shape.Letters != 0 || shape.Colons != 0 || value.Length < 9 || value[0] != '+' || value[1] is < '1' or > '9')
        {
            return false;
        }

        foreach (var c in value[1..])
        {
            if (!(char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        return true;
    }
}
