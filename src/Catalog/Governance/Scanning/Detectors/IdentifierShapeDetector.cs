using System.Globalization;

namespace TownLake.Catalog.Governance.Scanning.Detectors;

/// <summary>
/// Value-shape statistics for opaque identifiers: the share of values that are one token of id characters (digits,
/// hex, UUIDs, base62 with <c>-</c>/<c>_</c>), how much their lengths spread and how distinct they are. An id column and
/// an order-number column look alike, so this is weak evidence for <see cref="PiiCategory.UserIdentifier"/> that counts
/// only beside a name hint (<c>user_id</c>, an <c>id</c> in <c>customers</c>); the statistics travel in the evidence
/// name so a reviewer sees them.
/// </summary>
public sealed class IdentifierShapeDetector : IColumnDetector
{
    private const int MaxIdLength = 64;

    /// <summary>Lengths of one id column vary by at most this much (ids are fixed-width or sequential).</summary>
    private const int MaxLengthSpread = 12;

    public string Name => "identifier-shape";

    public IReadOnlyList<DetectorEvidence> Examine(ColumnSample column)
    {
        var values = column.Present;
        if (values.Count == 0)
        {
            return [];
        }

        var shaped = 0;
        int minLength = int.MaxValue, maxLength = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var text = value.AsSpan().Trim();
            if (!IsIdToken(text))
            {
                continue;
            }

            shaped++;
            minLength = Math.Min(minLength, text.Length);
            maxLength = Math.Max(maxLength, text.Length);
            distinct.Add(value);
        }

        if (shaped == 0)
        {
            return [];
        }

        var spread = maxLength - minLength;
        var ratio = (double)shaped / values.Count;
        if (spread > MaxLengthSpread)
        {
            return [];
        }

        var distinctRatio = (double)distinct.Count / shaped;
        var name = string.Create(CultureInfo.InvariantCulture, $"identifier-shape(distinct {distinctRatio:0.00}, length spread {spread})");
        return [new DetectorEvidence(PiiCategory.UserIdentifier, name, EvidenceKind.Values, ratio, EvidenceStrength.Weak)];
    }

    private static bool IsIdToken(ReadOnlySpan<char> text)
    {
        if (text.Length is 0 or > MaxIdLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
