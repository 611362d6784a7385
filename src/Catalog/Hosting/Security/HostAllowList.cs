namespace TownLake.Catalog.Hosting.Security;

/// <summary>
/// The host names a request may address (its <c>Host</c> header), so that a name an attacker points at this machine
/// (DNS rebinding) is refused. Entries: <c>*</c> (any), <c>name</c> (any port), <c>name:port</c>, <c>*.domain</c>.
/// A request without a Host header (HTTP/1.0) carries no name to rebind and passes.
/// </summary>
public sealed class HostAllowList(string text)
{
    private readonly string[] _entries = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string Text { get; } = text;

    public bool Allows(HostString host)
    {
        if (!host.HasValue || _entries.Contains("*"))
        {
            return true;
        }

        var name = host.Host;
        return _entries.Any(e => e.Equals(host.Value, StringComparison.OrdinalIgnoreCase)
            || e.Equals(name, StringComparison.OrdinalIgnoreCase)
            || (e.StartsWith("*.", StringComparison.Ordinal) && name.EndsWith(e[1..], StringComparison.OrdinalIgnoreCase)));
    }
}
