using System.Diagnostics;
using System.Net.Http.Json;
using TownLake.ServiceProcess;

namespace TownLake.ReliabilityBench;

/// <summary>The operations the scenarios drive against a service process, each timed and checked for errors.</summary>
internal static class Workload
{
    /// <summary>Runs one GraphQL operation; returns (ok, error code or status, elapsed).</summary>
    public static async Task<(bool Ok, string? Error, TimeSpan Elapsed)> GraphQLAsync(CatalogProcess service, string query, object? variables, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var (status, body) = await service.GraphQLAsync(query, variables, cancellationToken);
            var code = (string?)body["errors"]?[0]?["extensions"]?["code"] ?? (body["errors"] is null ? null : "GRAPHQL_ERROR");
            return (status == 200 && code is null, code ?? (status == 200 ? null : "HTTP " + status), clock.Elapsed);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return (false, ex.GetType().Name, clock.Elapsed);
        }
    }

    public static Task<(bool Ok, string? Error, TimeSpan Elapsed)> UpsertAsync(CatalogProcess service, string name, CancellationToken cancellationToken = default) =>
        GraphQLAsync(service, "mutation($input: DatasetInput!) { upsertDataset(input: $input) { urn } }",
            new { input = new { name, platform = "duckdb", description = "bench " + name, columns = new[] { new { name = "id", type = "BIGINT" }, new { name = "amount", type = "DOUBLE" } } } }, cancellationToken);

    public static Task<(bool Ok, string? Error, TimeSpan Elapsed)> DescribeAsync(CatalogProcess service, string name, string text, CancellationToken cancellationToken = default) =>
        GraphQLAsync(service, "mutation($u: ID!, $d: String!) { updateDescription(urn: $u, description: $d) { urn } }", new { u = "urn:tl:dataset:" + name, d = text }, cancellationToken);

    public static Task<(bool Ok, string? Error, TimeSpan Elapsed)> ReadDatasetAsync(CatalogProcess service, string name, CancellationToken cancellationToken = default) =>
        GraphQLAsync(service, "query($n: String!) { dataset(name: $n) { urn description } }", new { n = name }, cancellationToken);

    public static Task<(bool Ok, string? Error, TimeSpan Elapsed)> SearchAsync(CatalogProcess service, string text, CancellationToken cancellationToken = default) =>
        GraphQLAsync(service, "query($q: String!) { search(query: $q, first: 10) { total results { entity { urn } } } }", new { q = text }, cancellationToken);

    public static Task<(bool Ok, string? Error, TimeSpan Elapsed)> LineageAsync(CatalogProcess service, string urn, int depth, CancellationToken cancellationToken = default) =>
        GraphQLAsync(service, "query($u: ID!, $d: Int!) { lineage(urn: $u, depth: $d) { truncated nodes { urn } } }", new { u = urn, d = depth }, cancellationToken);

    public static Task<(bool Ok, string? Error, TimeSpan Elapsed)> BrowseAsync(CatalogProcess service, CancellationToken cancellationToken = default) =>
        GraphQLAsync(service, "{ datasets(first: 20) { totalCount nodes { urn } } }", null, cancellationToken);

    /// <summary>Posts an OpenLineage COMPLETE event; ok on 201.</summary>
    public static async Task<(bool Ok, string? Error, TimeSpan Elapsed)> LineageEventAsync(CatalogProcess service, string input, string output, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var status = await service.PostLineageAsync(input, output, cancellationToken);
            return (status == 201, status == 201 ? null : "HTTP " + status, clock.Elapsed);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return (false, ex.GetType().Name, clock.Elapsed);
        }
    }

    /// <summary>Whether the store has the dataset whole: found, with the description and both columns the bench wrote.</summary>
    public static async Task<bool> StoredWholeAsync(CatalogProcess service, string name)
    {
        var (_, body) = await service.GraphQLAsync("query($n: String!) { dataset(name: $n) { description columns { name } } }", new { n = name });
        var dataset = body["data"]?["dataset"];
        return dataset is not null && (string?)dataset["description"] == "bench " + name && dataset["columns"]?.AsArray().Count == 2;
    }

    /// <summary>Whether the store has the dataset at all (ingested files are checked this way).</summary>
    public static async Task<bool> StoredAsync(CatalogProcess service, string name)
    {
        var (_, body) = await service.GraphQLAsync("query($n: String!) { dataset(name: $n) { urn } }", new { n = name });
        return body["data"]?["dataset"]?["urn"] is not null;
    }


    public static async Task<int> ReadyStatusAsync(CatalogProcess service)
    {
        try
        {
            using var response = await service.Http.GetAsync("/health/ready");
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

}
