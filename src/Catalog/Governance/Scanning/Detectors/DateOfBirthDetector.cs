using System.Globalization;

namespace TownLake.Catalog.Governance.Scanning.Detectors;

/// <summary>
/// Dates of birth by plausibility: the column holds calendar dates (no time of day: a timestamp records an event, not a
/// birth) whose ages on the sample day lie between 0 and 120 years. Alone that is weak (any date column passes); it is
/// moderate evidence when at least 90% of ages are adult (14–100) and the birth years spread over 20 years or more, a
/// distribution order, signup and event dates do not have.
/// </summary>
public sealed class DateOfBirthDetector : IColumnDetector
{
    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy/MM/dd", "MM/dd/yyyy", "dd.MM.yyyy", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyyMMdd"];

    public string Name => "date-of-birth";

    public IReadOnlyList<DetectorEvidence> Examine(ColumnSample column)
    {
        var values = column.Present;
        if (values.Count == 0)
        {
            return [];
        }

        var plausible = 0;
        var adult = 0;
        int minYear = int.MaxValue, maxYear = int.MinValue;
        foreach (var value in values)
        {
            if (!TryDate(value.AsSpan().Trim(), out var date))
            {
                continue;
            }

            var age = AgeOn(date, column.SampledOn);
            if (age is < 0 or > 120)
            {
                continue;
            }

            plausible++;
            if (age is >= 14 and <= 100)
            {
                adult++;
            }

            minYear = Math.Min(minYear, date.Year);
            maxYear = Math.Max(maxYear, date.Year);
        }

        if (plausible == 0)
        {
            return [];
        }

        var ratio = (double)plausible / values.Count;
        var evidence = new List<DetectorEvidence> { new(PiiCategory.DateOfBirth, "birth-date-range", EvidenceKind.Values, ratio, EvidenceStrength.Weak) };
        if (plausible >= 10 && adult >= 0.9 * plausible && maxYear - minYear >= 20)
        {
            evidence.Add(new DetectorEvidence(PiiCategory.DateOfBirth, "adult-age-distribution", EvidenceKind.Values, (double)adult / values.Count, EvidenceStrength.Moderate));
        }

        return evidence;
    }

    /// <summary>Whole years from <paramref name="birth"/> to <paramref name="on"/>.</summary>
    public static int AgeOn(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        return on < birth.AddYears(age) ? age - 1 : age;
    }

    private static bool TryDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        date = default;
        if (text.Length is < 8 or > 19)
        {
            return false;
        }

        foreach (var format in Formats)
        {
            if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                // A time of day other than midnight makes it a timestamp of an event.
                if (parsed.TimeOfDay != TimeSpan.Zero)
                {
                    return false;
                }

                date = DateOnly.FromDateTime(parsed);
                return true;
            }
        }

        return false;
    }
}
