namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Phone numbers in national notation: North American <c>(212) 555-0142</c>, <c>212-555-0142</c>, <c>212.555.0142</c>
/// (area code and exchange starting 2–9, optional leading 1), and trunk-prefixed numbers such as <c>020 7946 0958</c>
/// or <c>06 12 34 56 78</c> (a leading 0, 9 to 11 digits in separated groups). Bare digit runs are left to
/// <see cref="DigitRunPhoneMatcher"/>: without separators they are as likely ids or amounts.
/// </summary>
public sealed class NationalPhoneMatcher : ValueMatcher
{
    public override string Name => "national-phone";

    public override PiiCategory Category => PiiCategory.Phone;

    public override EvidenceStrength Strength => EvidenceStrength.Moderate;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Digits is < 9 or > 11 || shape.Letters != 0 || shape.Colons != 0 || shape.Ats != 0 || value.Length > 20)
        {
            return false;
        }

        Span<Range> groups = stackalloc Range[8];
        Span<char> cleaned = stackalloc char[value.Length];
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                cleaned[n++] = c;
            }
            else if (c is ' ' or '-' or '.' or '(' or ')')
            {
                cleaned[n++] = ' ';
            }
            else
            {
                return false;
            }
        }

        var text = cleaned[..n];
        var count = text.SplitAny(groups, " ", StringSplitOptions.RemoveEmptyEntries);
        if (count < 2 || count > 6)
        {
            return false;
        }

        return IsNorthAmerican(text, groups[..count]) || IsTrunkPrefixed(text, groups[..count], shape.Digits);
    }

    private static bool IsNorthAmerican(ReadOnlySpan<char> text, ReadOnlySpan<Range> groups)
    {
        if (groups.Length == 4 && text[groups[0]] is "1")
        {
            groups = groups[1..];
        }

        if (groups.Length != 3)
        {
            return false;
        }

        var area = text[groups[0]];
        var exchange = text[groups[1]];
        var line = text[groups[2]];
        return area.Length == 3 && exchange.Length == 3 && line.Length == 4 && area[0] >= '2' && exchange[0] >= '2';
    }

    private static bool IsTrunkPrefixed(ReadOnlySpan<char> text, ReadOnlySpan<Range> groups, int digits)
    {
        var first = text[groups[0]];
        if (digits is < 9 or > 11 || first.Length is < 2 or > 5 || first[0] != '0' || first[1] == '0')
        {
            return false;
        }

        foreach (var group in groups)
        {
            if (text[group].Length is < 2 or > 8)
            {
                return false;
            }
        }

        return true;
    }
}
