using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Lineage;

/// <summary>
/// Compressed OpenLineage bodies, as the Python and Java clients send them with their <c>compression</c> option: read
/// like plain ones, with the size limit applied to what they expand to.
/// </summary>
public sealed class OpenLineageCompressionTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new(settings: new Dictionary<string, string?>
    {
        ["TownLake:Lineage:OpenLineage:MaxEventBytes"] = "65536",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    // The shape of the OpenLineage Python client's RunEvent (attr classes serialized with _producer and _schemaURL).
    private const string PythonClientEvent = """
        {"eventTime": "2026-11-20T10:00:00.000000+00:00", "eventType": "COMPLETE", "inputs": [{"facets": {}, "name": "shop.public.orders", "namespace": "postgres://gz.example.com:5432"}],
         "job": {"facets": {}, "name": "gzip_job", "namespace": "python"}, "outputs": [{"facets": {"schema": {"_producer": "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/client/python",
         "_schemaURL": "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet", "fields": [{"name": "id", "type": "int"}]}},
         "name": "shop.public.orders_copy", "namespace": "postgres://gz.example.com:5432"}],
         "producer": "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/client/python", "run": {"facets": {}, "runId": "0192f5a4-1111-7000-8000-00000000a001"},
         "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"}
        """;

    private static byte[] Compress(byte[] bytes, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            _ => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
        })
        {
            compressor.Write(bytes);
        }

        return output.ToArray();
    }

    private async Task<(int Status, JsonNode? Body)> PostAsync(byte[] body, string encoding)
    {
        using var client = _api.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add(encoding);
        using var response = await client.PostAsync("/api/v1/lineage", content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task A_compressed_python_client_event_is_ingested_like_a_plain_one(string encoding)
    {
        var (status, body) = await PostAsync(Compress(Encoding.UTF8.GetBytes(PythonClientEvent), encoding), encoding);

        Assert.Equal(201, status);
        Assert.False((bool)body!["duplicate"]!);
        Assert.Equal(2, body["datasets"]!.AsArray().Count);
        using var client = _api.CreateClient();
        var (_, events) = await LineageTestData.GetJsonAsync(client, "/api/v1/events/lineage");
        Assert.Contains(events!["events"]!.AsArray(), e => (string?)e!["job"]!["name"] == "gzip_job");
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_by_its_decompressed_size_in_moments()
    {
        // 64 MB of JSON whitespace in front of a valid event: well under 1 MB on the wire.
        var padding = new byte[64 * 1024 * 1024];
        Array.Fill(padding, (byte)' ');
        var bomb = Compress([.. padding, .. Encoding.UTF8.GetBytes(PythonClientEvent)], "gzip");
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length:N0} bytes compressed");

        // A small compressed event first, so host start-up and JIT are not timed.
        Assert.Equal(201, (await PostAsync(Compress(Encoding.UTF8.GetBytes(PythonClientEvent), "gzip"), "gzip")).Status);
        var clock = Stopwatch.StartNew();
        var (status, body) = await PostAsync(bomb, "gzip");

        Assert.Equal(413, status);
        Assert.Contains("once decompressed", (string?)body!["message"]);
        Assert.Contains("MaxEventBytes", (string?)body["message"]);
        // Decompressing the first 64 KB and stopping takes milliseconds; the bound leaves room for a busy machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"The refusal took {clock.Elapsed.TotalMilliseconds:0} ms.");
    }

    [Fact]
    public async Task A_corrupt_gzip_body_is_a_clear_bad_request()
    {
        // A real gzip header followed by bytes that are no deflate stream.
        var gzip = Compress(Encoding.UTF8.GetBytes(PythonClientEvent), "gzip");
        var garbage = new byte[200];
        new Random(14).NextBytes(garbage);
        garbage[0] = 0xFF;

        var (status, body) = await PostAsync([.. gzip[..10], .. garbage], "gzip");

        Assert.Equal(400, status);
        Assert.Contains("Content-Encoding", (string?)body!["message"]);
    }

    [Fact]
    public async Task A_plain_body_labelled_gzip_is_a_clear_bad_request()
    {
        var (status, body) = await PostAsync(Encoding.UTF8.GetBytes(PythonClientEvent), "gzip");

        Assert.Equal(400, status);
        Assert.Contains("Content-Encoding", (string?)body!["message"]);
    }

    [Theory]
    [InlineData("compress")]
    [InlineData("gzip, gzip")]
    [InlineData("zstd")]
    public async Task An_unknown_or_stacked_content_encoding_is_refused_with_415(string encoding)
    {
        using var client = _api.CreateClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(PythonClientEvent));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
        using var response = await client.PostAsync("/api/v1/lineage", content);

        Assert.Equal(415, (int)response.StatusCode);
        Assert.Contains("Content-Encoding", await response.Content.ReadAsStringAsync());
    }
}
