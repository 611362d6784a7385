namespace TownLake.Engine.Connectors.Trino;

/// <summary>Request header names of Trino's client protocol (io.trino.client.ProtocolHeaders for the "Trino" prefix).</summary>
public static class TrinoHeaders
{
    public const string User = "X-Trino-User";
    public const string Source = "X-Trino-Source";
    public const string Catalog = "X-Trino-Catalog";
    public const string Schema = "X-Trino-Schema";
    public const string TimeZone = "X-Trino-Time-Zone";
    public const string Session = "X-Trino-Session";
    public const string ClientTags = "X-Trino-Client-Tags";
}
