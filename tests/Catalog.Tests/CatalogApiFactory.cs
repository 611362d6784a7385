using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TownLake.Catalog.Tests;

/// <summary>
/// The real service in-process over a temporary data directory (deleted on disposal unless the caller passed its own) (SQLite by default, or PostgreSQL), configured the
/// way an operator would: through <c>TownLake:</c> settings.
/// </summary>
public sealed class CatalogApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDataDirectory;

    public CatalogApiFactory(string? dataDirectory = null, bool demo = false, IDictionary<string, string?>? settings = null)
    {
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "townlake-api-" + Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["TownLake:DataDirectory"] = DataDirectory,
            ["TownLake:DemoWarehouse"] = demo ? "true" : "false",
            // Profiling after ingestion is background work most tests do not want; profile tests turn it on or call profileDataset.
            ["TownLake:Profiles:OnIngestion"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Posts a GraphQL operation and returns the whole JSON response.</summary>
    public async Task<JsonNode> GraphQLAsync(string query, object? variables = null, HttpClient? client = null)
    {
        client ??= CreateClient();
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty response");
    }

    /// <summary>Posts a GraphQL operation that must succeed and returns its <c>data</c>.</summary>
    public async Task<JsonNode> DataAsync(string query, object? variables = null, HttpClient? client = null)
    {
        var result = await GraphQLAsync(query, variables, client);
        if (result["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw new InvalidOperationException("GraphQL errors: " + errors.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }

        return result["data"]!;
    }

    public static string? ErrorCode(JsonNode result) => result["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDataDirectory)
        {
            return;
        }

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
