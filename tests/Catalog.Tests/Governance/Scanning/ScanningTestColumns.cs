using TownLake.Catalog.Governance.Scanning;
using TownLake.Catalog.Governance.Scanning.Detectors;
using TownLake.Catalog.Governance.Scanning.Matchers;

namespace TownLake.Catalog.Tests.Governance.Scanning;

/// <summary>Columns built for the scanner tests, and the classifier the catalog ships.</summary>
internal static class ScanningTestColumns
{
    public static readonly DateOnly Today = new(2026, 11, 30);

    public static ColumnClassifier Classifier { get; } = new(
    [
        ValuePatternDetector.CreateDefault(PersonNameDictionary.LoadEmbedded()),
        new ColumnHintDetector(), new IdentifierShapeDetector(), new DateOfBirthDetector(), new CoordinateRangeDetector(),
    ]);

    public static ColumnSample Column(string name, IEnumerable<string?> values, string table = "records", string? comment = null, bool primaryKey = false) =>
        new(table, name, "VARCHAR", comment, values.ToList(), Today) { IsPrimaryKey = primaryKey };

    /// <summary>n values from <paramref name="make"/>, seeded so a failure reproduces.</summary>
    public static IEnumerable<string?> Generate(int n, Func<Random, int, string?> make, int seed = 7)
    {
        var random = new Random(seed);
        for (var i = 0; i < n; i++)
        {
            yield return make(random, i);
        }
    }

    public static string Digits(Random random, int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    public static string Alphanumeric(Random random, int count)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        return string.Concat(Enumerable.Range(0, count).Select(_ => alphabet[random.Next(alphabet.Length)]));
    }

    /// <summary>A Luhn-valid number of <paramref name="length"/> digits starting with <paramref name="prefix"/>.</summary>
    public static string Luhn(Random random, string prefix, int length)
    {
        var body = prefix + Digits(random, length - prefix.Length - 1);
        for (var check = 0; check < 10; check++)
        {
            if (CheckDigits.Luhn(body + check))
            {
                return body + check;
            }
        }

        throw new InvalidOperationException("unreachable");
    }
}
