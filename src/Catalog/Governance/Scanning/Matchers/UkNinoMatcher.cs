namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// UK National Insurance numbers: two prefix letters (first not D, F, I, Q, U, V; second not D, F, I, O, Q, U, V; not
/// BG, GB, KN, NK, NT, TN, ZZ), six digits and a suffix A–D, optionally spaced in pairs (<c>QQ 12 34 56 C</c>).
/// </summary>
public sealed class UkNinoMatcher : ValueMatcher
{
    public override string Name => "uk-nino";

    public override PiiCategory Category => PiiCategory.GovernmentId;

    public override EvidenceStrength Strength => EvidenceStrength.Strong;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Digits != 6 || shape.Letters != 3 || shape.Length - shape.Spaces != 9 || shape.Length > 13)
        {
            return false;
        }

        Span<char> compact = stackalloc char[9];
        var n = 0;
        foreach (var c in value)
        {
            if (c != ' ')
            {
                compact[n++] = char.ToUpperInvariant(c);
            }
        }

        var first = compact[0];
        var second = compact[1];
        if (!char.IsAsciiLetterUpper(first) || !char.IsAsciiLetterUpper(second) || "DFIQUV".Contains(first) || "DFIOQUV".Contains(second)
            || compact[..2] is "BG" or "GB" or "KN" or "NK" or "NT" or "TN" or "ZZ")
        {
            return false;
        }

        return !compact[2..8].ContainsAnyExceptInRange('0', '9') && compact[8] is >= 'A' and <= 'D';
    }
}
