using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace TownLake.SearchBench.Service;

/// <summary>
/// The real TownLake service in this process, listening on a loopback port (Kestrel, so requests cross a real
/// socket), over a temporary data directory (SQLite store, search index under it) that is deleted on disposal.
/// </summary>
internal sealed class InProcessCatalog : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private InProcessCatalog(WebApplicationFactory<Program> factory, string dataDirectory)
    {
        _factory = factory;
        DataDirectory = dataDirectory;
        Client = factory.CreateClient();
    }

    public string DataDirectory { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public static InProcessCatalog Start()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-searchbench-" + Guid.NewGuid().ToString("N"));
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseContentRoot(Path.Combine(RepoPaths.Root(), "src", "Catalog"));
            builder.UseSetting("TownLake:DataDirectory", dataDirectory);
            builder.UseSetting("TownLake:DemoWarehouse", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        factory.UseKestrel(0);
        factory.StartServer();
        return new InProcessCatalog(factory, dataDirectory);
    }

    /// <summary>Posts a GraphQL operation that must succeed and returns its <c>data</c>.</summary>
    public async Task<JsonNode> GraphQLAsync(string query, object? variables, CancellationToken cancellationToken)
    {
        using var response = await Client.PostAsJsonAsync("/graphql", new { query, variables }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var result = JsonNode.Parse(text) ?? throw new InvalidOperationException($"Empty GraphQL response (HTTP {(int)response.StatusCode}).");
        if (!response.IsSuccessStatusCode || result["errors"] is JsonArray { Count: > 0 })
        {
            throw new InvalidOperationException($"GraphQL request failed (HTTP {(int)response.StatusCode}): {result["errors"]?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? text}");
        }

        return result["data"] ?? throw new InvalidOperationException("A GraphQL response without data.");
    }

    /// <summary>Waits until a search for everything counts <paramref name="expected"/> datasets (the index follows the store asynchronously).</summary>
    public async Task WaitForIndexedDatasetsAsync(int expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var total = -1;
        while (DateTime.UtcNow < deadline)
        {
            var data = await GraphQLAsync("query { search(query: \"\", types: [DATASET], first: 1) { total } }", null, cancellationToken);
            total = data["search"]!["total"]!.GetValue<int>();
            if (total >= expected)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        throw new InvalidOperationException($"The service's search index has {total} of {expected} datasets after {timeout.TotalSeconds:0} s.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }
}
