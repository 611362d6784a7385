using System.Globalization;
using System.Text.RegularExpressions;

namespace TownLake.Engine.Connectors.DuckDb;

/// <summary>
/// Reads a DuckDB size setting (<c>memory_limit</c>, <c>max_temp_directory_size</c>) the way DuckDB does — a number
/// and a unit such as <c>512MB</c>, <c>2GB</c> or <c>1GiB</c> — so a setting is checked, with its value in bytes, before
/// any query runs rather than failing each query.
/// </summary>
public static partial class DuckDbSize
{
    /// <summary>The size in bytes, or null when <paramref name="text"/> is not a size with a unit.</summary>
    public static long? Bytes(string? text)
    {
        var match = text is null ? null : SizePattern().Match(text.Trim());
        if (match is null || !match.Success
            || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var binary = match.Groups["binary"].Success;
        var unit = match.Groups["unit"].Value.ToUpperInvariant() switch
        {
            "" => 1m,
            "K" => binary ? 1024m : 1000m,
            "M" => binary ? 1024m * 1024 : 1000m * 1000,
            "G" => binary ? 1024m * 1024 * 1024 : 1000m * 1000 * 1000,
            _ => binary ? 1024m * 1024 * 1024 * 1024 : 1000m * 1000 * 1000 * 1000,
        };
        var bytes = number * unit;
        return bytes > long.MaxValue ? long.MaxValue : (long)bytes;
    }

    [GeneratedRegex(@"^(?<number>\d{1,15}(\.\d{1,6})?)\s*(?<unit>[KMGT]?)(?<binary>i)?B$", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();
}
