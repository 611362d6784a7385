using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage.OpenLineage;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Tests.Lineage;

/// <summary>Shared helpers of the lineage tests: the shared benchmark folders, posting JSON, reading upstream sets.</summary>
internal static class LineageTestData
{
    /// <summary>The one data row a theory over shared files gets when the folder is absent: the test then skips.</summary>
    public const string MissingFolderCase = "(shared folder missing)";

    public static string OpenLineageEvents => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "benchmarks", "openlineage"));

    public static string DbtCases => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "benchmarks", "dbt"));

    public static IEnumerable<object[]> OpenLineageFiles() => Directory.Exists(OpenLineageEvents)
        ? Directory.EnumerateFiles(OpenLineageEvents, "*.json").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) })
        : [[MissingFolderCase]];

    public static IEnumerable<object[]> DbtCaseNames() => Directory.Exists(DbtCases)
        ? Directory.EnumerateDirectories(DbtCases).Order(StringComparer.Ordinal).Select(d => new object[] { Path.GetFileName(d) })
        : [[MissingFolderCase]];

    /// <summary>
    /// Skips (reported as skipped, not passed) when the shared benchmark folder is not beside the repository, as in any
    /// clone other than the project's own workspace.
    /// </summary>
    public static void SkipUnlessPresent(string folder) =>
        Skip.IfNot(Directory.Exists(folder), $"{folder} is missing: this test reads the shared benchmark data in ../shared beside the repository");

    public static async Task<(int Status, JsonNode? Body)> PostJsonAsync(HttpClient client, string path, string json)
    {
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static async Task<(int Status, JsonNode? Body)> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>The datasets directly upstream of a dataset, by name, as the GraphQL lineage query reports them.</summary>
    public static async Task<SortedSet<string>> UpstreamOfAsync(CatalogApiFactory api, string urn)
    {
        var data = await api.DataAsync("query($u: ID!) { lineage(urn: $u, direction: UPSTREAM, depth: 1) { nodes { name depth } } }", new { u = urn });
        return new SortedSet<string>(data["lineage"]!["nodes"]!.AsArray().Where(n => n!["depth"]!.GetValue<int>() == 1).Select(n => n!["name"]!.GetValue<string>()), StringComparer.Ordinal);
    }

    /// <summary>Per output dataset, the upstream datasets a list of OpenLineage events declares (self-references left out).</summary>
    public static Dictionary<string, SortedSet<string>> ExpectedUpstreams(JsonArray events, OpenLineageNaming naming)
    {
        string Name(JsonNode dataset)
        {
            var symlink = dataset["facets"]?["symlinks"]?["identifiers"]?.AsArray().FirstOrDefault(i => (string?)i?["type"] == "TABLE");
            return symlink is not null
                ? naming.ToDatasetName((string?)symlink["namespace"] ?? (string)dataset["namespace"]!, (string)symlink["name"]!).ToString()
                : naming.ToDatasetName((string?)dataset["namespace"] ?? "default", (string)dataset["name"]!).ToString();
        }

        var result = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            foreach (var output in e!["outputs"]?.AsArray() ?? [])
            {
                var name = Name(output!);
                if (!result.TryGetValue(name, out var set))
                {
                    result[name] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith((e["inputs"]?.AsArray() ?? []).Select(i => Name(i!)).Where(i => i != name));
            }
        }

        return result;
    }

    public static async Task UpsertDatasetAsync(CatalogApiFactory api, string name, string[] columns, string? owner = null)
    {
        var service = api.Services.GetRequiredService<DatasetService>();
        await service.UpsertAsync(new DatasetUpsert
        {
            Name = name,
            Platform = "duckdb",
            Columns = columns.Select(c => new ColumnUpsert { Name = c, Type = "INTEGER" }).ToList(),
            Owners = owner is null ? null : [new Ownership(owner, OwnerKind.User, OwnershipType.TechnicalOwner)],
        }, new Caller("tester", [], true, true), CancellationToken.None);
    }

    public static string DatasetUrn(string name) => Urn.Dataset(DatasetName.Parse(name));
}
