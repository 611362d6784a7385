using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Lineage.OpenLineage;

namespace TownLake.Catalog.Tests.Lineage;

/// <summary>Every OpenLineage event of the shared benchmark (real Spark integration output) is accepted and readable the Marquez way.</summary>
public sealed class OpenLineageBenchmarkTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [SkippableTheory]
    [MemberData(nameof(LineageTestData.OpenLineageFiles), MemberType = typeof(LineageTestData))]
    public async Task Shared_openlineage_event_is_accepted_and_its_datasets_and_edges_show_in_marquez_reads(string file)
    {
        LineageTestData.SkipUnlessPresent(LineageTestData.OpenLineageEvents);
        using var client = _api.CreateClient();
        var json = await File.ReadAllTextAsync(Path.Combine(LineageTestData.OpenLineageEvents, file));
        var (status, body) = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", json);
        Assert.True(status == 201, $"{file}: {status} {body}");

        var lineageEvent = JsonNode.Parse(json)!;
        var jobNamespace = (string?)lineageEvent["job"]?["namespace"] ?? OpenLineageEventReader.DefaultNamespace;
        foreach (var output in lineageEvent["outputs"]?.AsArray() ?? [])
        {
            var ns = (string?)output!["namespace"] ?? jobNamespace;
            var nodeId = $"dataset:{ns}:{(string)output["name"]!}";
            var (readStatus, graph) = await LineageTestData.GetJsonAsync(client, "/api/v1/lineage?depth=2&nodeId=" + Uri.EscapeDataString(nodeId));
            Assert.True(readStatus == 200, $"{file}: {nodeId} → {readStatus} {graph}");
            var nodes = graph!["graph"]!.AsArray();
            var self = nodes.Single(n => (string?)n!["id"] == nodeId);
            Assert.Equal("DATASET", (string?)self!["type"]);
            var inputs = (lineageEvent["inputs"]?.AsArray() ?? []).Where(i => (string?)i!["name"] != (string?)output["name"]).ToList();
            if (inputs.Count > 0)
            {
                // dataset ← job ← each input, as Marquez draws it.
                var job = self["inEdges"]!.AsArray().Select(e => (string?)e!["origin"]).Single(o => o!.StartsWith("job:", StringComparison.Ordinal));
                var jobNode = nodes.Single(n => (string?)n!["id"] == job);
                foreach (var input in inputs)
                {
                    var inputId = $"dataset:{(string?)input!["namespace"] ?? jobNamespace}:{(string)input["name"]!}";
                    Assert.Contains(jobNode!["inEdges"]!.AsArray(), e => (string?)e!["origin"] == inputId);
                }
            }

            if (output["facets"]?["columnLineage"]?["fields"] is JsonObject fields && fields.Count > 0)
            {
                var (field, _) = fields.First();
                var fieldId = $"datasetField:{ns}:{(string)output["name"]!}:{field}";
                var (columnStatus, columns) = await LineageTestData.GetJsonAsync(client, "/api/v1/column-lineage?nodeId=" + Uri.EscapeDataString(fieldId));
                Assert.True(columnStatus == 200, $"{file}: {fieldId} → {columnStatus} {columns}");
                var fieldNode = columns!["graph"]!.AsArray().Single(n => (string?)n!["id"] == fieldId);
                Assert.Equal("DATASET_FIELD", (string?)fieldNode!["type"]);
                var expected = fields[field]!["inputFields"]!.AsArray().Count(i => (string?)i!["name"] != (string?)output["name"]);
                Assert.Equal(expected, fieldNode["data"]!["inputFields"]!.AsArray().Count);
            }
        }
    }

    [SkippableFact]
    public async Task Symlinked_hive_table_and_its_warehouse_path_are_one_catalog_dataset()
    {
        LineageTestData.SkipUnlessPresent(LineageTestData.OpenLineageEvents);
        using var client = _api.CreateClient();
        var json = await File.ReadAllTextAsync(Path.Combine(LineageTestData.OpenLineageEvents, "spark__hiveCreateHiveTableAsSelectCommandStartEvent.json"));
        Assert.Equal(201, (await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", json)).Status);

        var data = await _api.DataAsync("""{ dataset(name: "file.hive3.table2") { platform columns { name } upstreamCount } }""");
        Assert.Equal("file", (string?)data["dataset"]!["platform"]);
        Assert.Equal(1, (int)data["dataset"]!["upstreamCount"]!);
        var (status, _) = await LineageTestData.GetJsonAsync(client, "/api/v1/lineage?nodeId=" + Uri.EscapeDataString("dataset:file:hive3.table2"));
        Assert.Equal(200, status);
    }

    [Fact]
    public void Naming_rule_maps_three_part_names_paths_and_short_names()
    {
        var naming = _api.Services.GetRequiredService<OpenLineageNaming>();
        // The namespace stays in the catalog name: the same database.schema.table on another server is another dataset.
        Assert.Equal("\"duckdb:///database/jaffle_shop.duckdb/jaffle_shop\".main.customers", naming.ToDatasetName("duckdb:///database/jaffle_shop.duckdb", "jaffle_shop.main.customers").ToString());
        Assert.Equal("\"bigquery/a.b\".c.d", naming.ToDatasetName("bigquery", "a.b.c.d").ToString());
        Assert.Equal("file.\"/tmp/hive-metastore/hive3.db\".table1", naming.ToDatasetName("file", "/tmp/hive-metastore/hive3.db/table1").ToString());
        Assert.Equal("file:/tmp/delta.default.events", naming.ToDatasetName("file:/tmp/delta", "default.events").ToString());
        Assert.Equal("kafka://broker:9092.default.orders", naming.ToDatasetName("kafka://broker:9092", "orders").ToString());
        Assert.Equal("postgres", OpenLineageNaming.PlatformOf("postgresql://db:5432"));
        Assert.Equal("openlineage", OpenLineageNaming.PlatformOf("my-namespace"));
    }
}
