namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Postal codes with a distinctive shape: UK postcodes (<c>SW1A 1AA</c>, <c>M1 1AE</c>), Canadian postal codes
/// (<c>K1A 0B1</c>) and US ZIP+4 (<c>94105-1804</c>). Five-digit ZIP codes alone are <see cref="ZipCodeMatcher"/>'s.
/// </summary>
public sealed class PostcodeMatcher : ValueMatcher
{
    public override string Name => "postcode";

    public override PiiCategory Category => PiiCategory.PostalAddress;

    public override EvidenceStrength Strength => EvidenceStrength.Moderate;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Length is < 5 or > 10)
        {
            return false;
        }

        if (shape.Length == 10 && shape.Digits == 9 && value[5] == '-')
        {
            return !value[..5].ContainsAnyExceptInRange('0', '9') && !value[6..].ContainsAnyExceptInRange('0', '9');
        }

        if (shape.Spaces > 1 || shape.Upper != shape.Letters || shape.Digits + shape.Letters + shape.Spaces != shape.Length)
        {
            return false;
        }

        Span<char> compact = stackalloc char[shape.Length];
        var n = 0;
        foreach (var c in value)
        {
            if (c != ' ')
            {
                compact[n++] = c;
            }
        }

        var code = compact[..n];
        return IsCanadian(code) || IsUk(code, spaced: shape.Spaces == 1, value);
    }

    private static bool IsCanadian(ReadOnlySpan<char> code) =>
        code.Length == 6 && char.IsAsciiLetter(code[0]) && char.IsAsciiDigit(code[1]) && char.IsAsciiLetter(code[2])
        && char.IsAsciiDigit(code[3]) && char.IsAsciiLetter(code[4]) && char.IsAsciiDigit(code[5]) && !"DFIOQUWZ".Contains(code[0]);

    /// <summary>Outward code (A9, A9A, A99, AA9, AA9A, AA99) then inward code (9AA); when spaced, the space sits between them.</summary>
    private static bool IsUk(ReadOnlySpan<char> code, bool spaced, ReadOnlySpan<char> original)
    {
        if (code.Length is < 5 or > 7)
        {
            return false;
        }

        var inward = code[^3..];
        if (!char.IsAsciiDigit(inward[0]) || !char.IsAsciiLetter(inward[1]) || !char.IsAsciiLetter(inward[2]) || "CIKMOV".Contains(inward[1]) || "CIKMOV".Contains(inward[2]))
        {
            return false;
        }

        var outward = code[..^3];
        if (spaced && original.IndexOf(' ') != outward.Length)
        {
            return false;
        }

        return outward.Length switch
        {
            2 => char.IsAsciiLetter(outward[0]) && char.IsAsciiDigit(outward[1]),
            3 => char.IsAsciiLetter(outward[0]) && (char.IsAsciiDigit(outward[1]) ? char.IsAsciiLetterOrDigit(outward[2]) : char.IsAsciiLetter(outward[1]) && char.IsAsciiDigit(outward[2])),
            4 => char.IsAsciiLetter(outward[0]) && char.IsAsciiLetter(outward[1]) && char.IsAsciiDigit(outward[2]) && char.IsAsciiLetterOrDigit(outward[3]),
            _ => false,
        };
    }
}
