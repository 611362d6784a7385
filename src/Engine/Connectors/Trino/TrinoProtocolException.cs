using System.Net;

namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// The conversation with the Trino coordinator broke: an HTTP status other than 200 (after retries),
/// a body that is not QueryResults JSON, or a response that contradicts the protocol.
/// </summary>
public sealed class TrinoProtocolException : Exception
{
    public TrinoProtocolException(string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException) => StatusCode = statusCode;

    /// <summary>The HTTP status that ended the conversation, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }
}
