using System.Globalization;

namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// Latitude/longitude pairs in one value: <c>47.6062, -122.3321</c>, <c>(47.6062 -122.3321)</c> or WKT
/// <c>POINT(-122.3321 47.6062)</c>. Each number needs three or more decimals (coordinates are precise; pairs of
/// sizes or prices are not) and must lie in range (latitude ±90, longitude ±180).
/// </summary>
public sealed class GeoPairMatcher : ValueMatcher
{
    public override string Name => "lat-long-pair";

    public override PiiCategory Category => PiiCategory.GeoLocation;

    public override EvidenceStrength Strength => EvidenceStrength.Moderate;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Dots != 2 || shape.Digits < 8 || shape.Length > 64 || shape.Colons + shape.Ats != 0)
        {
            return false;
        }

        var lonFirst = false;
        var text = value;
        if (text.StartsWith("POINT", StringComparison.OrdinalIgnoreCase))
        {
            lonFirst = true;
            text = text[5..].TrimStart();
        }

        text = text.Trim("()[] ");
        Span<Range> parts = stackalloc Range[3];
        var count = text.SplitAny(parts, ", ;", StringSplitOptions.RemoveEmptyEntries);
        if (count != 2 || !TryCoordinate(text[parts[0]], out var a) || !TryCoordinate(text[parts[1]], out var b))
        {
            return false;
        }

        var (lat, lon) = lonFirst ? (b, a) : (a, b);
        return Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180;
    }

    private static bool TryCoordinate(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        var dot = text.IndexOf('.');
        return dot > 0 && text.Length - dot - 1 >= 3
            && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
