using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TownLake.ServiceProcess;

/// <summary>The few catalog operations the real-process tests and benchmarks repeat: write a dataset, find it, walk and post lineage.</summary>
public static class CatalogWorkload
{
    /// <summary>Upserts a dataset with one column through GraphQL; true when acknowledged (no errors).</summary>
    public static async Task<bool> UpsertDatasetAsync(this CatalogProcess service, string name, CancellationToken cancellationToken = default)
    {
        var (status, body) = await service.GraphQLAsync(
            "mutation($input: DatasetInput!) { upsertDataset(input: $input) { urn } }",
            new { input = new { name, platform = "duckdb", description = "reliability test " + name, columns = new[] { new { name = "id", type = "BIGINT" } } } },
            cancellationToken);
        return status == 200 && body["errors"] is null && body["data"]?["upsertDataset"]?["urn"] is not null;
    }

    /// <summary>Whether an exact-name search finds the dataset now.</summary>
    public static async Task<bool> SearchFindsAsync(this CatalogProcess service, string name, CancellationToken cancellationToken = default)
    {
        var (_, body) = await service.GraphQLAsync("query($q: String!) { search(query: $q, types: [DATASET], first: 5) { results { entity { urn } } } }", new { q = name }, cancellationToken);
        var urn = "urn:tl:dataset:" + name;
        return body["data"]?["search"]?["results"]?.AsArray().Any(r => (string?)r?["entity"]?["urn"] == urn) == true;
    }

    /// <summary>Datasets the lineage walk upstream of <paramref name="urn"/> reaches, one step.</summary>
    public static async Task<IReadOnlyList<string>> UpstreamAsync(this CatalogProcess service, string urn, CancellationToken cancellationToken = default)
    {
        var (_, body) = await service.GraphQLAsync("query($u: ID!) { lineage(urn: $u, direction: UPSTREAM, depth: 1) { nodes { urn } } }", new { u = urn }, cancellationToken);
        return body["data"]?["lineage"]?["nodes"]?.AsArray().Select(n => (string?)n?["urn"]).OfType<string>().Where(u => u != urn).ToList() ?? [];
    }

    /// <summary>
    /// Posts an OpenLineage COMPLETE event from <paramref name="input"/> to <paramref name="output"/> (catalog names, each in
    /// the namespace <c>duckdb://&lt;its catalog&gt;</c>, which OpenLineage naming maps straight back to that catalog name).
    /// </summary>
    public static async Task<int> PostLineageAsync(this CatalogProcess service, string input, string output, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["eventType"] = "COMPLETE",
            ["eventTime"] = DateTimeOffset.UtcNow.ToString("O"),
            ["producer"] = "https://example.test/reliability",
            ["run"] = new JsonObject { ["runId"] = Guid.NewGuid().ToString() },
            ["job"] = new JsonObject { ["namespace"] = "reltest", ["name"] = "job_" + output.Replace('.', '_') },
            ["inputs"] = new JsonArray(new JsonObject { ["namespace"] = OwnNamespace(input), ["name"] = input }),
            ["outputs"] = new JsonArray(new JsonObject { ["namespace"] = OwnNamespace(output), ["name"] = output }),
        };
        using var response = await service.Http.PostAsJsonAsync("/api/v1/lineage", body, cancellationToken);
        return (int)response.StatusCode;
    }

    private static string OwnNamespace(string datasetName) => "duckdb://" + datasetName[..datasetName.IndexOf('.')];
}
