namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Full names of people: two to four name words (<c>Maria Garcia</c>, <c>Jean-Pierre Dubois</c>, <c>Garcia, Maria</c>,
/// <c>John F. Kennedy</c>) where the given or the family name is in the name dictionary. One known part is enough:
/// a name list never covers every family name, and product or place names rarely start with a given name.
/// </summary>
public sealed class FullNameMatcher(PersonNameDictionary names) : ValueMatcher
{
    public override string Name => "name-dictionary";

    public override PiiCategory Category => PiiCategory.PersonName;

    public override EvidenceStrength Strength => EvidenceStrength.Moderate;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Spaces is < 1 or > 4 || shape.Length > 80 || shape.Digits != 0 || shape.Ats + shape.Colons != 0 || shape.Letters < 4)
        {
            return false;
        }

        Span<Range> words = stackalloc Range[4];
        var count = NameWords.Split(value, words, out var commaForm);
        if (count is < 2 or > 4)
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

        var given = commaForm ? words[1] : words[0];
        var family = commaForm ? words[0] : words[count - 1];
        return names.IsGiven(value[given]) || names.IsFamily(value[family]);
    }
}
