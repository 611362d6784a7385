namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Payment card numbers (PANs): 12 to 19 digits, optionally grouped by spaces or dashes, starting with an issuer prefix
/// of a card network (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro) and passing the Luhn check.
/// One random digit string in ten passes Luhn, so a column of ids only rarely reaches the share a card column has.
/// </summary>
public sealed class PaymentCardMatcher : ValueMatcher
{
    public override string Name => "luhn-card";

    public override PiiCategory Category => PiiCategory.PaymentCard;

    public override EvidenceStrength Strength => EvidenceStrength.Strong;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Digits is < 12 or > 19 || shape.Letters != 0 || shape.Digits + shape.Spaces + shape.Dashes != shape.Length)
        {
            return false;
        }

        Span<int> digits = stackalloc int[19];
        var n = CheckDigits.DigitsOf(value, digits);
        return n > 0 && HasIssuerPrefix(digits[..n]) && CheckDigits.Luhn(value);
    }

    private static bool HasIssuerPrefix(ReadOnlySpan<int> d)
    {
        var two = d[0] * 10 + d[1];
        var four = two * 100 + d[2] * 10 + d[3];
        return d[0] switch
        {
            4 => d.Length is 13 or 16 or 19,
            5 => (two is >= 51 and <= 55 && d.Length == 16) || (two is 50 or >= 56 && d.Length >= 12),
            2 => four is >= 2221 and <= 2720 && d.Length == 16,
            3 => (two is 34 or 37 && d.Length == 15) || (four is >= 3528 and <= 3589 && d.Length >= 16) || (two is 36 or 38 or 30 && d.Length is >= 14 and <= 16),
            6 => d.Length >= 12,
            _ => false,
        };
    }
}
