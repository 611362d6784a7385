namespace TownLake.Engine.Connectors;

/// <summary>A connection's settings are missing or malformed; the message says which setting and what to write instead.</summary>
public sealed class ConnectionSettingsException : Exception
{
    public ConnectionSettingsException(string message)
        : base(message)
    {
    }

    public ConnectionSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
