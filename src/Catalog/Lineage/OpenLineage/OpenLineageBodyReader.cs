using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>
/// Reads an OpenLineage request body within <see cref="OpenLineageLimits"/>: the bytes are counted while they arrive (a
/// body past <see cref="OpenLineageLimits.MaxEventBytes"/> is refused without reading the rest) and the nesting is
/// measured by a forward-only scan before a JSON tree is built. A body sent with <c>Content-Encoding: gzip</c> (or
/// <c>deflate</c>, <c>br</c>) — the OpenLineage Python and Java clients' <c>compression</c> option — is decompressed as it
/// is read, and the limit counts the decompressed bytes, so a small compressed "bomb" is refused like any large body.
/// </summary>
public static class OpenLineageBodyReader
{
    /// <summary>The code of a body over <see cref="OpenLineageLimits.MaxEventBytes"/>; HTTP answers it with 413.</summary>
    public const string TooLarge = "PAYLOAD_TOO_LARGE";

    /// <summary>The code of a <c>Content-Encoding</c> the endpoint does not read; HTTP answers it with 415.</summary>
    public const string UnsupportedEncoding = Hosting.Errors.ErrorCodes.UnsupportedMediaType;

    public static Task<JsonNode?> ReadAsync(Stream body, long? contentLength, OpenLineageLimits limits, CancellationToken cancellationToken) =>
        ReadAsync(body, contentLength, null, limits, cancellationToken);

    /// <summary>Reads a body sent with the given <c>Content-Encoding</c> (null or <c>identity</c>: as is).</summary>
    public static async Task<JsonNode?> ReadAsync(Stream body, long? contentLength, string? contentEncoding, OpenLineageLimits limits, CancellationToken cancellationToken)
    {
        var tooLarge = new CatalogException(TooLarge,
            $"The event is larger than {limits.MaxEventBytes:N0} bytes{(IsIdentity(contentEncoding) ? "" : " once decompressed")} ({OpenLineageLimits.Section}:{nameof(limits.MaxEventBytes)}).");
        // A compressed body is never larger than what it expands to, so its declared length is checked against the limit too.
        if (contentLength > limits.MaxEventBytes)
        {
            throw tooLarge;
        }

        await using var decoded = Decoder(body, contentEncoding);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await ReadChunkAsync(decoded, chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limits.MaxEventBytes)
            {
                throw tooLarge;
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        try
        {
            RequireDepth(bytes.Span, limits.MaxDepth);
            return JsonNode.Parse(bytes.Span, documentOptions: new JsonDocumentOptions { MaxDepth = limits.MaxDepth + 1 });
        }
        catch (JsonException e)
        {
            // The one malformed-JSON answer every face gives (position, no parser internals).
            throw Hosting.Errors.CatalogError.MalformedJson(e);
        }
    }

    private static bool IsIdentity(string? encoding) => string.IsNullOrWhiteSpace(encoding) || encoding.Trim().Equals("identity", StringComparison.OrdinalIgnoreCase);

    /// <summary>The decompressing stream for one <c>Content-Encoding</c>; several stacked codings are refused (no producer sends them).</summary>
    private static Stream Decoder(Stream body, string? encoding)
    {
        if (IsIdentity(encoding))
        {
            return new NonDisposingStream(body);
        }

        return encoding!.Trim().ToLowerInvariant() switch
        {
            "gzip" or "x-gzip" => new GZipStream(body, CompressionMode.Decompress, leaveOpen: true),
            "deflate" => new ZLibStream(body, CompressionMode.Decompress, leaveOpen: true),
            "br" => new BrotliStream(body, CompressionMode.Decompress, leaveOpen: true),
            _ => throw new CatalogException(UnsupportedEncoding,
                $"Content-Encoding {InputEcho.Quote(encoding)} is not supported; send the event as is, or with gzip, deflate or br."),
        };
    }

    private static async Task<int> ReadChunkAsync(Stream stream, byte[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(chunk, cancellationToken);
        }
        catch (InvalidDataException)
        {
            throw CatalogException.BadInput("The body is not valid for its Content-Encoding (corrupt or truncated compressed data).");
        }
    }

    /// <summary>Lets the request body outlive the reader: the server owns it.</summary>
    private sealed class NonDisposingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static void RequireDepth(ReadOnlySpan<byte> json, int maxDepth)
    {
        // The reader's own limit is set above ours so that ours, with its setting name, is the one reported.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth + 2 });
        while (reader.Read())
        {
            if (reader.CurrentDepth > maxDepth)
            {
                throw CatalogException.BadInput(
                    $"The event nests deeper than {maxDepth} levels ({OpenLineageLimits.Section}:{nameof(OpenLineageLimits.MaxDepth)}); OpenLineage events and their facets are far shallower.");
            }
        }
    }
}
