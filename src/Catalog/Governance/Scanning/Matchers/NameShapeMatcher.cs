namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// One to four capitalised words of letters: the shape of a name the dictionary does not know. Place and product names
/// share it, so it counts only beside a name hint (<c>full_name</c>, <c>name</c> in a table of people).
/// </summary>
public sealed class NameShapeMatcher : ValueMatcher
{
    public override string Name => "name-shape";

    public override PiiCategory Category => PiiCategory.PersonName;

    public override EvidenceStrength Strength => EvidenceStrength.Weak;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Spaces > 3 || shape.Length > 80 || shape.Digits != 0 || shape.Letters < 2 || shape.Ats + shape.Colons != 0)
        {
            return false;
        }

        Span<Range> words = stackalloc Range[4];
        var count = NameWords.Split(value, words, out _);
        if (count is < 1 or > 4)
        {
            return false;
        }

        foreach (var word in words[..count])
        {
            if (!NameWords.IsNameWord(value[word]))
            {
                return false;
            }
        }

        return true;
    }
}
