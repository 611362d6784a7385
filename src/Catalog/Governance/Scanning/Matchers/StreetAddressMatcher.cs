using System.Collections.Frozen;

namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Street lines: a house number, a name and a street type (<c>221B Baker Street</c>, <c>1600 Pennsylvania Ave NW,
/// Washington</c>), or the continental order with the number after the street (<c>Hauptstraße 5</c>, <c>Via Roma 10</c>,
/// <c>Rue de Rivoli 12</c>). Abbreviated types (<c>St</c>, <c>Dr</c>) count only at the end of the street part, so
/// <c>3 Pack Dr Pepper</c> is not an address.
/// </summary>
public sealed class StreetAddressMatcher : ValueMatcher
{
    private static readonly FrozenSet<string> FullTypes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "street", "avenue", "road", "boulevard", "lane", "drive", "court", "place", "terrace", "parkway", "square", "highway",
        "circle", "crescent", "close", "way", "trail", "plaza", "alley", "row", "walk", "gardens", "grove", "hill", "mews");

    private static readonly FrozenSet<string> Abbreviations = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "st", "st.", "ave", "ave.", "rd", "rd.", "blvd", "blvd.", "ln", "ln.", "dr", "dr.", "ct", "ct.", "pl", "pl.", "ter", "pkwy", "sq", "hwy", "cir", "cres");

    private static readonly FrozenSet<string> ContinentalTypes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "rue", "via", "calle", "avenida", "rua", "viale", "piazza", "plaza", "chemin", "allee", "allée", "boulevard", "avenue", "carrer", "praça", "ulica", "ul.");

    private static readonly string[] ContinentalSuffixes = ["straße", "strasse", "str.", "weg", "gasse", "allee", "platz", "straat", "laan", "gracht", "gade", "vej", "vägen", "gatan", "katu"];
    private static readonly FrozenSet<string> UnitMarkers = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "apt", "apt.", "suite", "unit", "ste", "floor", "fl", "#", "nw", "ne", "sw", "se", "n", "s", "e", "w");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Full = FullTypes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Abbreviated = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Continental = ContinentalTypes.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Units = UnitMarkers.GetAlternateLookup<ReadOnlySpan<char>>();

    public override string Name => "street-address";

    public override PiiCategory Category => PiiCategory.PostalAddress;

    public override EvidenceStrength Strength => EvidenceStrength.Moderate;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Length is < 8 or > 160 || shape.Spaces is < 1 or > 20 || shape.Digits == 0 || shape.Letters < 4 || shape.Ats + shape.Colons != 0)
        {
            return false;
        }

        // The street part is the text before the first comma.
        var comma = value.IndexOf(',');
        var street = comma > 0 ? value[..comma] : value;
        Span<Range> words = stackalloc Range[12];
        var count = street.Split(words, ' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (count is < 2 or > 11)
        {
            return false;
        }

        words = words[..count];
        return NumberFirst(street, words) || NumberLast(street, words);
    }

    private static bool NumberFirst(ReadOnlySpan<char> street, ReadOnlySpan<Range> words)
    {
        if (words.Length < 3 || !IsHouseNumber(street[words[0]]) || !HasLetters(street[words[1]]))
        {
            return false;
        }

        if (Continental.Contains(street[words[1]]))
        {
            // 12 rue de Rivoli, 5 avenida Paulista
            return true;
        }

        for (var i = 2; i < words.Length; i++)
        {
            var word = street[words[i]];
            if (Full.Contains(word))
            {
                return true;
            }

            if (Abbreviated.Contains(word))
            {
                if (i == words.Length - 1 || Units.Contains(street[words[i + 1]]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool NumberLast(ReadOnlySpan<char> street, ReadOnlySpan<Range> words)
    {
        if (!IsHouseNumber(street[words[^1]]))
        {
            return false;
        }

        var first = street[words[0]];
        if (Continental.Contains(first) && words.Length >= 3)
        {
            return true;
        }

        foreach (var range in words[..^1])
        {
            var word = street[range];
            foreach (var suffix in ContinentalSuffixes)
            {
                if (word.Length > suffix.Length && word.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>12</c>, <c>221B</c>, <c>12-14</c>, <c>5a</c>: one to five digits, maybe a letter or a range.</summary>
    private static bool IsHouseNumber(ReadOnlySpan<char> word)
    {
        if (word.Length is 0 or > 9 || !char.IsAsciiDigit(word[0]))
        {
            return false;
        }

        var digits = 0;
        var letters = 0;
        foreach (var c in word)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (char.IsAsciiLetter(c))
            {
                letters++;
            }
            else if (c != '-' && c != '/')
            {
                return false;
            }
        }

        return digits <= 6 && letters <= 1;
    }

    private static bool HasLetters(ReadOnlySpan<char> word) => word.Length >= 2 && char.IsLetter(word[0]);
}
