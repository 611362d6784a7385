namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// US bank routing (ABA) numbers: nine digits in a Federal Reserve prefix range whose weighted 3-7-1 sum is a multiple
/// of ten. Any nine-digit id passes one time in ten, so it counts only beside a hint.
/// </summary>
public sealed class AbaRoutingMatcher : ValueMatcher
{
    public override string Name => "aba-routing";

    public override PiiCategory Category => PiiCategory.BankAccount;

    public override EvidenceStrength Strength => EvidenceStrength.Weak;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Length != 9 || shape.Digits != 9)
        {
            return false;
        }

        Span<int> d = stackalloc int[9];
        CheckDigits.DigitsOf(value, d);
        var prefix = d[0] * 10 + d[1];
        if (prefix is not ((>= 0 and <= 12) or (>= 21 and <= 32) or (>= 61 and <= 72) or 80))
        {
            return false;
        }

        var sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8];
        return sum % 10 == 0 && sum > 0;
    }
}
