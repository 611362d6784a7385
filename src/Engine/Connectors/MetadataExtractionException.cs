namespace TownLake.Engine.Connectors;

/// <summary>A source could not be read (unreachable server, missing file…); the message names the connection and the cause.</summary>
public sealed class MetadataExtractionException : Exception
{
    public MetadataExtractionException(string message)
        : base(message)
    {
    }

    public MetadataExtractionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
