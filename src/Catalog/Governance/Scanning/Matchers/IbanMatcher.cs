using System.Collections.Frozen;

namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// International bank account numbers: a country code, two check digits and the national part, of the length the
/// country registers (ISO 13616), passing the mod 97 check. Spaces between groups of four are allowed.
/// </summary>
public sealed class IbanMatcher : ValueMatcher
{
    private static readonly FrozenDictionary<string, int> LengthByCountry = new Dictionary<string, int>
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BR"] = 29, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28, ["EE"] = 20,
        ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18,
        ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30,
        ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MD"] = 24,
        ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18, ["NO"] = 15, ["PK"] = 24, ["PL"] = 28,
        ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24,
        ["SM"] = 27, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VG"] = 24, ["XK"] = 20,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lengths =
        LengthByCountry.GetAlternateLookup<ReadOnlySpan<char>>();

    public override string Name => "iban-checksum";

    public override PiiCategory Category => PiiCategory.BankAccount;

    public override EvidenceStrength Strength => EvidenceStrength.Strong;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        var compact = shape.Length - shape.Spaces;
        if (compact is < 15 or > 34 || shape.Letters < 2 || shape.Digits < 4 || shape.Dots + shape.Dashes + shape.Colons + shape.Ats + shape.Other != 0)
        {
            return false;
        }

        Span<char> iban = stackalloc char[compact];
        var n = 0;
        foreach (var c in value)
        {
            if (c != ' ')
            {
                iban[n++] = c;
            }
        }

        if (!char.IsAsciiLetter(iban[0]) || !char.IsAsciiLetter(iban[1]) || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3])
            || !Lengths.TryGetValue(iban[..2], out var length) || length != n)
        {
            return false;
        }

        // Mod 97 of the national part followed by the country code and check digits must be 1.
        Span<char> rearranged = stackalloc char[n];
        iban[4..].CopyTo(rearranged);
        iban[..4].CopyTo(rearranged[(n - 4)..]);
        return CheckDigits.Mod97(rearranged) == 1;
    }
}
