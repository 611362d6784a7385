using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace TownLake.Catalog.Hosting;

/// <summary>
/// Serves the bundled UI and GraphiQL files. Vite names every built asset by its content hash
/// (<c>/ui/assets/DatasetPage-DlqxKFxe.js</c>), so those are cached for a year as immutable; pages (<c>index.html</c>)
/// are revalidated on every load (<c>no-cache</c>) so a new build is picked up at once. When the client accepts it,
/// the Brotli or gzip copy the UI build wrote next to a file (<c>scripts/precompress.mjs</c>) is sent instead, with
/// its <c>Content-Encoding</c>, so nothing is compressed per request.
/// </summary>
public static partial class StaticAssetDelivery
{
    /// <summary>The Cache-Control of a content-hashed asset.</summary>
    public const string ImmutableCache = "public, max-age=31536000, immutable";

    private static readonly FileExtensionContentTypeProvider Types = new();

    // The precompressed copies, best first.
    private static readonly (string Encoding, string Extension)[] Encodings = [("br", ".br"), ("gzip", ".gz")];

    public static IApplicationBuilder UseTownLakeStaticFiles(this WebApplication app)
    {
        var files = app.Environment.WebRootFileProvider;
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path.Value;
            if ((HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) && path is not null && IsBundled(path)
                && Types.TryGetContentType(path, out _) && files.GetFileInfo(path).Exists)
            {
                // Caches must keep the encodings apart, whichever one this response is.
                http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
                foreach (var (encoding, extension) in Encodings)
                {
                    if (Accepts(http.Request.Headers.AcceptEncoding, encoding) && files.GetFileInfo(path + extension).Exists)
                    {
                        http.Request.Path = path + extension;
                        break;
                    }
                }
            }

            await next();
        });
        return app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = new PrecompressedTypes(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                foreach (var (encoding, extension) in Encodings)
                {
                    if (context.File.Name.EndsWith(extension, StringComparison.Ordinal))
                    {
                        headers.ContentEncoding = encoding;
                    }
                }

                headers.CacheControl = IsHashed(context.Context.Request.Path.Value ?? "") ? ImmutableCache : "no-cache";
            },
        });
    }

    /// <summary>Whether the path is a content-hashed build output (safe to cache forever).</summary>
    public static bool IsHashed(string path) => IsBundled(path) && HashedName().IsMatch(path);

    private static bool IsBundled(string path) =>
        path.StartsWith("/ui/", StringComparison.Ordinal) || path.StartsWith("/graphiql/", StringComparison.Ordinal);

    private static bool Accepts(Microsoft.Extensions.Primitives.StringValues acceptEncoding, string encoding)
    {
        foreach (var header in acceptEncoding)
        {
            foreach (var part in (header ?? "").Split(','))
            {
                var token = part.Trim();
                var semicolon = token.IndexOf(';', StringComparison.Ordinal);
                var name = semicolon < 0 ? token : token[..semicolon].Trim();
                if (name.Equals(encoding, StringComparison.OrdinalIgnoreCase))
                {
                    // A weight of zero ("br;q=0") refuses the encoding.
                    var weight = semicolon < 0 ? "" : token[(semicolon + 1)..].Replace(" ", "", StringComparison.Ordinal);
                    return !weight.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                        || !double.TryParse(weight[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q) || q > 0;
                }
            }
        }

        return false;
    }

    // Vite's default output name: <name>-<8 characters of base64url hash>.<ext>, under an assets folder.
    [GeneratedRegex(@"/assets/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.(br|gz))?$")]
    private static partial Regex HashedName();

    /// <summary>Content types of the precompressed copies: those of the files they stand for.</summary>
    private sealed class PrecompressedTypes : IContentTypeProvider
    {
        public bool TryGetContentType(string subpath, out string contentType)
        {
            foreach (var (_, extension) in Encodings)
            {
                if (subpath.EndsWith(extension, StringComparison.Ordinal))
                {
                    return Types.TryGetContentType(subpath[..^extension.Length], out contentType!);
                }
            }

            return Types.TryGetContentType(subpath, out contentType!);
        }
    }
}
