namespace TownLake.Catalog.Connections;

/// <summary>
/// The configured sources, read from <c>TownLake:Connections:&lt;name&gt;:&lt;key&gt;</c> (appsettings.json, or environment
/// variables such as <c>TownLake__Connections__shop__Type=postgres</c>). Each connection is a bag of keys: <c>Type</c>
/// (duckdb, files, postgres, trino), the source's address (<c>ConnectionString</c>, <c>Path</c> or <c>Url</c>), options the
/// adapter reads (Trino <c>Catalog</c>, <c>User</c>), and the catalog's own <c>Description</c> and <c>RefreshInterval</c>.
/// </summary>
public sealed class ConnectionsOptions
{
    /// <summary>Bound at <c>TownLake</c>, so that the dictionary below is <c>TownLake:Connections</c>.</summary>
    public const string Section = "TownLake";

    /// <summary>Settings of each connection by name; keys within a connection are case-insensitive.</summary>
    public Dictionary<string, Dictionary<string, string>> Connections { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
