using System.Globalization;

namespace TownLake.Catalog.Governance.Scanning.Detectors;

/// <summary>
/// Separate latitude or longitude columns: decimal numbers with at least three decimals (about 100 m) inside ±180. Any
/// small decimal passes, so this is weak evidence that counts only beside a name hint (<c>lat</c>, <c>longitude</c>).
/// </summary>
public sealed class CoordinateRangeDetector : IColumnDetector
{
    public string Name => "coordinate-range";

    public IReadOnlyList<DetectorEvidence> Examine(ColumnSample column)
    {
        var values = column.Present;
        if (values.Count == 0)
        {
            return [];
        }

        var inRange = 0;
        foreach (var value in values)
        {
            var text = value.AsSpan().Trim();
            var dot = text.IndexOf('.');
            if (text.Length <= 24 && dot > 0 && text.Length - dot - 1 >= 3
                && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                && Math.Abs(number) <= 180)
            {
                inRange++;
            }
        }

        return inRange == 0 ? [] : [new DetectorEvidence(PiiCategory.GeoLocation, "coordinate-range", EvidenceKind.Values, (double)inRange / values.Count, EvidenceStrength.Weak)];
    }
}
