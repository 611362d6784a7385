using System.Globalization;
using System.Text;

namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// The given and family names the person-name matchers look values up in, read from the embedded
/// <c>person-names.txt</c>. Lookups ignore case, accents and apostrophes (<c>O'Brien</c> is <c>obrien</c>,
/// <c>Müller</c> is <c>muller</c>).
/// </summary>
public sealed class PersonNameDictionary
{
    private const string ResourceName = "TownLake.Catalog.Governance.Scanning.Resources.person-names.txt";
    private const int MaxNameLength = 40;

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _given;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _family;

    public PersonNameDictionary(IEnumerable<string> given, IEnumerable<string> family)
    {
        _given = new HashSet<string>(given.Select(Normalize), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _family = new HashSet<string>(family.Select(Normalize), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Names known as given names.</summary>
    public int GivenCount => _given.Set.Count;

    /// <summary>Names known as family names.</summary>
    public int FamilyCount => _family.Set.Count;

    /// <summary>Loads the dictionary shipped with the catalog.</summary>
    public static PersonNameDictionary LoadEmbedded()
    {
        using var stream = typeof(PersonNameDictionary).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var given = new List<string>();
        var family = new List<string>();
        List<string>? section = null;
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            section = line switch
            {
                "[given]" => given,
                "[family]" => family,
                _ => section ?? throw new InvalidOperationException($"{ResourceName}: '{line}' appears before a [given] or [family] section."),
            };

            if (!line.StartsWith('['))
            {
                section.Add(line);
            }
        }

        return new PersonNameDictionary(given, family);
    }

    public bool IsGiven(ReadOnlySpan<char> name) => Lookup(name, _given);

    public bool IsFamily(ReadOnlySpan<char> name) => Lookup(name, _family);

    private static bool Lookup(ReadOnlySpan<char> name, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> set)
    {
        if (name.Length is 0 or > MaxNameLength)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[name.Length];
        var n = 0;
        foreach (var c in name)
        {
            if (c > 127)
            {
                return set.Contains(Normalize(name.ToString()));
            }

            if (c != '\'')
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return set.Contains(buffer[..n]);
    }

    private static string Normalize(string name)
    {
        var decomposed = name.Trim().Normalize(NormalizationForm.FormD);
        var text = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c == '\'' || c == '’' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            text.Append(c == 'ß' ? 's' : char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
