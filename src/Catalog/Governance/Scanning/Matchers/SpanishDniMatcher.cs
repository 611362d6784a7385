namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Spanish national ids: DNI (eight digits and a control letter) and NIE (X, Y or Z, seven digits, control letter),
/// the letter being the number mod 23 in the official table; an optional dash before the letter.
/// </summary>
public sealed class SpanishDniMatcher : ValueMatcher
{
    private const string ControlLetters = "TRWAGMYFPDXBNJZSQVHLCKE";

    public override string Name => "es-dni";

    public override PiiCategory Category => PiiCategory.GovernmentId;

    public override EvidenceStrength Strength => EvidenceStrength.Strong;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Length - shape.Dashes != 9 || shape.Dashes > 1 || shape.Digits is < 7 or > 8 || shape.Letters is < 1 or > 2)
        {
            return false;
        }

        var control = char.ToUpperInvariant(value[^1]);
        var body = value[^2] == '-' ? value[..^2] : value[..^1];
        if (body.Length != 8)
        {
            return false;
        }

        var number = 0;
        var start = 0;
        switch (char.ToUpperInvariant(body[0]))
        {
            case 'X': start = 1; break;
            case 'Y': number = 1; start = 1; break;
            case 'Z': number = 2; start = 1; break;
        }

        foreach (var c in body[start..])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = number * 10 + (c - '0');
        }

        return ControlLetters[number % 23] == control;
    }
}
