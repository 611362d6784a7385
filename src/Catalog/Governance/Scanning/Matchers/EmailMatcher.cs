namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// E-mail addresses by RFC 5321 shape: one <c>@</c>, a dot-atom local part of at most 64 characters, and a domain of
/// at least two labels whose last (the TLD) is letters only. Quoted local parts and IP-literal domains are left out: they
/// are vanishingly rare in data and widen the net for look-alikes.
/// </summary>
public sealed class EmailMatcher : ValueMatcher
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public override string Name => "email-syntax";

    public override PiiCategory Category => PiiCategory.Email;

    public override EvidenceStrength Strength => EvidenceStrength.Strong;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Ats != 1 || shape.Spaces != 0 || shape.Dots == 0 || shape.Length is < 6 or > 254)
        {
            return false;
        }

        var at = value.IndexOf('@');
        return IsLocalPart(value[..at]) && IsDomain(value[(at + 1)..]);
    }

    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        if (local.Length is 0 or > 64 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".Contains(c) || (c > 127 && char.IsLetter(c))))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (domain.Length is < 4 or > 253)
        {
            return false;
        }

        var labels = 0;
        var last = ReadOnlySpan<char>.Empty;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || (c > 127 && char.IsLetter(c))))
                {
                    return false;
                }
            }

            labels++;
            last = label;
        }

        // The top-level domain is letters only, at least two.
        return labels >= 2 && last.Length >= 2 && !last.ContainsAnyExcept(Letters);
    }
}
