namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// One given or family name on its own (<c>Olivia</c>, <c>Nakamura</c>): what <c>first_name</c> and <c>last_name</c>
/// columns hold. It must be a capitalised dictionary name.
/// </summary>
public sealed class SingleNameMatcher(PersonNameDictionary names) : ValueMatcher
{
    public override string Name => "name-dictionary-word";

    public override PiiCategory Category => PiiCategory.PersonName;

    public override EvidenceStrength Strength => EvidenceStrength.Moderate;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape) =>
        shape.Spaces == 0 && shape.Length is >= 2 and <= 30 && shape.Digits == 0 && shape.Letters >= 2
        && NameWords.IsNameWord(value) && (names.IsGiven(value) || names.IsFamily(value));
}
