using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Lineage.Marquez;

/// <summary>One catalog that received a day of producer events (<see cref="ProducerEvents.All"/>), read by every test of a class.</summary>
public sealed class MarquezCatalogFixture : IAsyncLifetime
{
    public CatalogApiFactory Api { get; } = new();

    public MarquezSpec Spec { get; } = new();

    public async Task InitializeAsync()
    {
        using var client = Api.CreateClient();
        foreach (var json in ProducerEvents.All())
        {
            var (status, body) = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", json);
            Assert.True(status == 201, $"{status} {body?.ToJsonString()}");
        }
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();

    /// <summary>GETs a Marquez path and returns the status and JSON body.</summary>
    public async Task<(int Status, JsonNode? Body)> GetAsync(string path)
    {
        using var client = Api.CreateClient();
        return await LineageTestData.GetJsonAsync(client, path);
    }

    /// <summary>GETs a Marquez path that must answer 200 and returns its body.</summary>
    public async Task<JsonNode> OkAsync(string path)
    {
        var (status, body) = await GetAsync(path);
        Assert.True(status == 200, $"GET {path}: {status} {body?.ToJsonString()}");
        return body!;
    }

    public static string E(string value) => Uri.EscapeDataString(value);
}
