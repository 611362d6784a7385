namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Random-looking tokens without a known prefix: 20 to 256 characters of one base64/base62 run that mixes upper case,
/// lower case and digits, changes character class as often as random text does, and carries high Shannon entropy.
/// Hex digests and UUIDs (hashes and ids, not secrets) are left out, as are words in CamelCase.
/// </summary>
public sealed class HighEntropyMatcher : ValueMatcher
{
    private const string TokenAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/=_-";

    public override string Name => "entropy";

    public override PiiCategory Category => PiiCategory.Secret;

    public override EvidenceStrength Strength => EvidenceStrength.Moderate;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Length is < 20 or > 256 || shape.Spaces + shape.Dots + shape.Colons + shape.Ats != 0
            || shape.Upper < 2 || shape.Lower < 2 || shape.Digits < 2 || value.ContainsAnyExcept(TokenAlphabet))
        {
            return false;
        }

        // Class changes (digit/upper/lower/symbol) between neighbours: about 60% for random base62, under 25% for words.
        var changes = 0;
        for (var i = 1; i < value.Length; i++)
        {
            if (ClassOf(value[i]) != ClassOf(value[i - 1]))
            {
                changes++;
            }
        }

        if (changes < 0.4 * (value.Length - 1) || VowelShare(value) >= 0.3)
        {
            return false;
        }

        return Entropy.BitsPerChar(value) >= 0.8 * Math.Log2(Math.Min(value.Length, 64));
    }

    /// <summary>Vowels among letters: about a fifth in random base62, well over a quarter in words (CamelCase names, phrases).</summary>
    private static double VowelShare(ReadOnlySpan<char> value)
    {
        int letters = 0, vowels = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetter(c))
            {
                letters++;
                if ("aeiouAEIOU".Contains(c))
                {
                    vowels++;
                }
            }
        }

        return letters == 0 ? 0 : (double)vowels / letters;
    }

    private static int ClassOf(char c) => c switch
    {
        >= '0' and <= '9' => 0,
        >= 'a' and <= 'z' => 1,
        >= 'A' and <= 'Z' => 2,
        _ => 3,
    };
}
