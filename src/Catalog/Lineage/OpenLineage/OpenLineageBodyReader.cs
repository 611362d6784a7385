using System.Text.Json;
using System.Text.Json.Nodes;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>
/// Reads an OpenLineage request body within <see cref="OpenLineageLimits"/>: the bytes are counted while they arrive (a
/// body past <see cref="OpenLineageLimits.MaxEventBytes"/> is refused without reading the rest) and the nesting is
/// measured by a forward-only scan before a JSON tree is built.
/// </summary>
public static class OpenLineageBodyReader
{
    /// <summary>The code of a body over <see cref="OpenLineageLimits.MaxEventBytes"/>; HTTP answers it with 413.</summary>
    public const string TooLarge = "PAYLOAD_TOO_LARGE";

    public static async Task<JsonNode?> ReadAsync(Stream body, long? contentLength, OpenLineageLimits limits, CancellationToken cancellationToken)
    {
        var tooLarge = new CatalogException(TooLarge,
            $"The event is larger than {limits.MaxEventBytes:N0} bytes ({OpenLineageLimits.Section}:{nameof(limits.MaxEventBytes)}).");
        if (contentLength > limits.MaxEventBytes)
        {
            throw tooLarge;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
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
