using System.IO.Compression;
using System.Net;
using System.Text;

namespace TownLake.Catalog.Tests.Hosting;

/// <summary>Issue 16, delivery: hashed bundles precompressed and cached for a year, pages always revalidated.</summary>
public sealed class StaticAssetDeliveryTests : IAsyncLifetime
{
    private const string Asset = "/ui/assets/DatasetPage-AbCd_E12.js";
    private static readonly string Script = "export const page = 1;\n" + string.Concat(Enumerable.Repeat("console.log('townlake');\n", 200));
    private readonly string _webRoot = Path.Combine(Path.GetTempPath(), "townlake-webroot-" + Guid.NewGuid().ToString("N"));
    private CatalogApiFactory _api = null!;

    public Task InitializeAsync()
    {
        var assets = Directory.CreateDirectory(Path.Combine(_webRoot, "ui", "assets")).FullName;
        File.WriteAllText(Path.Combine(_webRoot, "ui", "index.html"), "<!doctype html><title>TownLake</title>");
        File.WriteAllText(Path.Combine(assets, "DatasetPage-AbCd_E12.js"), Script);
        File.WriteAllBytes(Path.Combine(assets, "DatasetPage-AbCd_E12.js.br"), Compress(Script, s => new BrotliStream(s, CompressionLevel.SmallestSize)));
        File.WriteAllBytes(Path.Combine(assets, "DatasetPage-AbCd_E12.js.gz"), Compress(Script, s => new GZipStream(s, CompressionLevel.SmallestSize)));
        File.WriteAllText(Path.Combine(assets, "plain.js"), Script);
        _api = new CatalogApiFactory(settings: new Dictionary<string, string?> { ["webroot"] = _webRoot });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_webRoot, recursive: true);
    }

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("BR", "br")]
    public async Task A_hashed_bundle_is_sent_precompressed_and_cached_as_immutable(string acceptEncoding, string expected)
    {
        using var response = await GetAsync(Asset, acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(Script, Decompress(await response.Content.ReadAsByteArrayAsync(), expected));
    }

    [Fact]
    public async Task A_client_that_accepts_no_compression_gets_the_file_itself()
    {
        using var response = await GetAsync(Asset, acceptEncoding: null);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(Script, await response.Content.ReadAsStringAsync());
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/ui/index.html")]
    [InlineData("/")]
    [InlineData("/ui/assets/plain.js")]
    public async Task Pages_and_unhashed_files_are_revalidated_on_every_load(string path)
    {
        using var response = await GetAsync(path, "br, gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/ui/assets/../../../appsettings.json")]
    [InlineData("/ui/assets/%2e%2e/%2e%2e/appsettings.json")]
    [InlineData("/ui/assets/missing-AbCd_E12.js")]
    public async Task Paths_outside_the_bundles_or_missing_files_are_not_served(string path)
    {
        using var response = await GetAsync(path, "br");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? acceptEncoding)
    {
        using var client = _api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return await client.SendAsync(request);
    }

    private static byte[] Compress(string text, Func<Stream, Stream> wrap)
    {
        using var buffer = new MemoryStream();
        using (var compressor = wrap(buffer))
        {
            compressor.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static string Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decompressor = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(decompressor, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
