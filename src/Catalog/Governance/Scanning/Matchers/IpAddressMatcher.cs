using System.Net;
using System.Net.Sockets;

namespace TownLake.Catalog.Governance.Scanning.Matchers;

/// <summary>
/// IP addresses: strict dotted-quad IPv4 (four octets 0–255 without leading zeros, so <c>01.2.3.4</c> and
/// <c>1.2.3</c> are out) and IPv6 in full or compressed form (which <see cref="IPAddress"/> validates).
/// </summary>
public sealed class IpAddressMatcher : ValueMatcher
{
    public override string Name => "ip-address";

    public override PiiCategory Category => PiiCategory.IpAddress;

    public override EvidenceStrength Strength => EvidenceStrength.Strong;

    public override bool Matches(ReadOnlySpan<char> value, in ValueShape shape)
    {
        if (shape.Dots == 3 && shape.Colons == 0 && shape.Digits + 3 == shape.Length && shape.Length <= 15)
        {
            return IsIPv4(value);
        }

        // IPv6 needs "::" or all eight groups; that keeps times (12:30:45) and MAC addresses out.
        return shape.Colons is >= 2 and <= 7 && shape.Spaces == 0 && shape.Length <= 45
            && (shape.Colons == 7 || value.Contains("::", StringComparison.Ordinal))
            && !value.ContainsAnyExcept("0123456789abcdefABCDEF:.")
            && IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static bool IsIPv4(ReadOnlySpan<char> value)
    {
        var octets = 0;
        foreach (var range in value.Split('.'))
        {
            var octet = value[range];
            if (octet.Length is 0 or > 3 || (octet.Length > 1 && octet[0] == '0') || int.Parse(octet) > 255)
            {
                return false;
            }

            octets++;
        }

        return octets == 4;
    }
}
