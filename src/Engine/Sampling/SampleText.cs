using System.Collections;
using System.Globalization;

namespace TownLake.Engine.Sampling;

/// <summary>
/// The invariant text a detector reads for one sampled value: dates as ISO dates, timestamps as ISO date-times,
/// numbers in invariant culture, text cut to the value limit. Binary and nested values have no text form.
/// </summary>
public static class SampleText
{
    /// <summary>
    /// The text of <paramref name="value"/>, at most <paramref name="maxChars"/> characters; null for SQL NULL and for
    /// values without a text form (then <paramref name="isText"/> is false).
    /// </summary>
    public static string? Of(object? value, string type, int maxChars, out bool isText)
    {
        isText = true;
        var text = value switch
        {
            null or DBNull => null,
            string s => s,
            bool b => b ? "true" : "false",
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime dt when dt.TimeOfDay == TimeSpan.Zero && IsDateType(type) => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
            DateTimeOffset dto => dto.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            Guid g => g.ToString("D"),
            double f => f.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            byte[] or Stream or IEnumerable => NoText(out isText),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => NoText(out isText),
        };

        return text is not null && text.Length > maxChars ? text[..maxChars] : text;
    }

    private static bool IsDateType(string type) =>
        type.StartsWith("DATE", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("DATETIME", StringComparison.OrdinalIgnoreCase);

    private static string? NoText(out bool isText)
    {
        isText = false;
        return null;
    }
}
