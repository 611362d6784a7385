using System.Net;

namespace TownLake.Catalog.Hosting.Security;

/// <summary>
/// A list of IP addresses and CIDR networks (<c>10.0.0.5, 172.28.0.0/24, ::1</c>) that a peer address is checked against.
/// A request with no IP peer (served in-process, or over a Unix socket) counts as loopback.
/// </summary>
public sealed class AddressAllowList
{
    private readonly IReadOnlyList<IPNetwork> _networks;

    private AddressAllowList(IReadOnlyList<IPNetwork> networks, string text)
    {
        _networks = networks;
        Text = text;
    }

    /// <summary>The list as configured, for messages.</summary>
    public string Text { get; }

    /// <summary>Parses a comma-separated list; the problem names the entry that is neither an address nor a network.</summary>
    public static (AddressAllowList? List, string? Problem) Parse(string? text)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/'))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else
            {
                return (null, $"'{entry}' is neither an IP address nor a CIDR network (e.g. 10.0.0.5 or 172.28.0.0/24)");
            }
        }

        return (new AddressAllowList(networks, text ?? ""), null);
    }

    public bool Contains(IPAddress? peer)
    {
        var address = peer is null ? IPAddress.Loopback : peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        return _networks.Any(n => n.Contains(address));
    }
}
