namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// US Social Security numbers written <c>AAA-GG-SSSS</c> (or with spaces), under the SSA's rules: the area is not 000,
/// 666 or 900–999, the group not 00 and the serial not 0000. Unformatted nine-digit runs are
/// <see cref="UsSsnDigitsMatcher"/>'s (weak) business.
/// </summary>
public sealed class UsSsnMatcher : ValueMatcher
{
    public override string Name => "us-ssn";

    public override PiiCategory Category => PiiCategory.GovernmentId;

    public override EvidenceStrength Strength => EvidenceStrength.Strong;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape) =>
        shape.Length == 11 && shape.Digits == 9 && value[3] == value[6] && value[3] is '-' or ' '
        && IsValid(value[..3], value[4..6], value[7..]);

    /// <summary>The SSA's validity rules over the three parts (digits only).</summary>
    public static bool IsValid(ReadOnlySpan<char> area, ReadOnlySpan<char> group, ReadOnlySpan<char> serial)
    {
        if (area.ContainsAnyExceptInRange('0', '9') || group.ContainsAnyExceptInRange('0', '9') || serial.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        return area is not ("000" or "666") && area[0] != '9' && group is not "00" && serial is not "0000";
    }
}
