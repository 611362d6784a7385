using System.Text.Json.Nodes;
using TownLake.Catalog.Tests.GraphQL;

namespace TownLake.Catalog.Tests.Lineage.Impact;

/// <summary>
/// A column dropped, renamed or retyped upstream in the demo warehouse: the impact recorded with the change lists every
/// downstream column that reads it and the jobs computing them, through GraphQL, the history entry and get_lineage.
/// </summary>
public sealed class SchemaChangeImpactTests(DemoCatalogFixture demo) : IClassFixture<DemoCatalogFixture>
{
    private const string SourceTable = "demo.raw.billing_line_items";

    [Fact]
    public async Task Dropping_a_demo_source_column_lists_every_downstream_column_that_reads_it()
    {
        await ReingestWithoutColumnAsync(SourceTable, "billed_amount");

        var data = await demo.Api.DataAsync("""
            query($d: String!) { schemaChangeImpact(dataset: $d) { schemaVersion actor changes { column kind } columns { dataset column depth source } jobUrns jobs { name } truncated } }
            """, new { d = SourceTable });

        var impact = data["schemaChangeImpact"]!.AsArray().Single()!;
        var change = impact["changes"]!.AsArray().Single()!;
        Assert.Equal("billed_amount", (string?)change["column"]);
        Assert.Equal("DROPPED", (string?)change["kind"]);
        Assert.Equal(
            [
                "demo.fct.arr_by_account.arr",
                "demo.fct.billings_allocated.alloc_amount",
                "demo.fct.billings_allocated.billed_amount",
                "demo.scratch.billings_allocated_copy.alloc_amount",
                "demo.scratch.billings_allocated_copy.billed_amount",
            ],
            impact["columns"]!.AsArray().Select(c => $"{c!["dataset"]}.{c["column"]}").Order(StringComparer.Ordinal).ToArray());
        Assert.All(impact["columns"]!.AsArray(), c => Assert.Equal("billed_amount", (string?)c!["source"]));
        Assert.Equal(1, (int)impact["columns"]!.AsArray().Single(c => (string?)c!["column"] == "alloc_amount" && ((string?)c["dataset"])!.StartsWith("demo.fct"))!["depth"]!);
        Assert.Equal(2, (int)impact["columns"]!.AsArray().Single(c => (string?)c!["column"] == "arr")!["depth"]!);
        Assert.Equal(
            ["demo.fct.arr_by_account", "demo.fct.billings_allocated", "demo.scratch.billings_allocated_copy"],
            impact["jobs"]!.AsArray().Select(j => (string)j!["name"]!).Order(StringComparer.Ordinal).ToArray());
        Assert.False((bool)impact["truncated"]!);

        // The dataset page's history shows the same impact on the schema change's entry.
        var history = await demo.Api.DataAsync("""
            { dataset(name: "demo.raw.billing_line_items") { history(first: 20) { aspect schemaChangeImpact { schemaVersion columns { column } } } } }
            """);
        var entry = history["dataset"]!["history"]!.AsArray().First(h => (string?)h!["aspect"] == "schema")!;
        Assert.Equal((int)impact["schemaVersion"]!, (int)entry["schemaChangeImpact"]!["schemaVersion"]!);
        Assert.Equal(5, entry["schemaChangeImpact"]!["columns"]!.AsArray().Count);

        // The agent's get_lineage names what the change broke when it looks downstream.
        using var client = demo.Api.CreateClient();
        var (status, body) = await LineageTestData.PostJsonAsync(client, "/api/agent/get_lineage", """{"dataset": "demo.raw.billing_line_items", "direction": "downstream", "depth": 1}""");
        Assert.Equal(200, status);
        var told = body!["schemaChanges"]!.AsArray().Single()!;
        Assert.Equal("billed_amount dropped", (string?)told["changes"]![0]);
        Assert.Contains("demo.fct.arr_by_account.arr", told["brokenColumns"]!.AsArray().Select(c => (string?)c));
        var (upStatus, upBody) = await LineageTestData.PostJsonAsync(client, "/api/agent/get_lineage", """{"dataset": "demo.raw.billing_line_items", "direction": "upstream"}""");
        Assert.Equal(200, upStatus);
        Assert.Null(upBody!["schemaChanges"]);
    }

    [Fact]
    public async Task A_retyped_column_reaches_what_reads_it_and_an_added_column_breaks_nothing()
    {
        var columns = await ColumnsAsync("demo.fct.billings_allocated");
        var changed = columns.Select(c => c.Name == "alloc_amount" ? (c.Name, Type: "VARCHAR") : c).Append(("note", "VARCHAR")).ToList();
        await UpsertColumnsAsync("demo.fct.billings_allocated", changed);

        var data = await demo.Api.DataAsync("""
            { schemaChangeImpact(dataset: "urn:tl:dataset:demo.fct.billings_allocated") { changes { column kind oldType newType } columns { dataset column } } }
            """);
        var impact = data["schemaChangeImpact"]!.AsArray().Single()!;
        var change = impact["changes"]!.AsArray().Single()!;
        Assert.Equal("alloc_amount", (string?)change["column"]);
        Assert.Equal("RETYPED", (string?)change["kind"]);
        Assert.Equal("VARCHAR", (string?)change["newType"]);
        Assert.Equal(
            ["demo.fct.arr_by_account.arr", "demo.scratch.billings_allocated_copy.alloc_amount"],
            impact["columns"]!.AsArray().Select(c => $"{c!["dataset"]}.{c["column"]}").Order(StringComparer.Ordinal).ToArray());

        // Adding one more column is no breaking change: nothing new is recorded.
        await UpsertColumnsAsync("demo.fct.billings_allocated", [.. changed, ("note2", "VARCHAR")]);
        var again = await demo.Api.DataAsync("""{ schemaChangeImpact(dataset: "demo.fct.billings_allocated") { schemaVersion } }""");
        Assert.Single(again["schemaChangeImpact"]!.AsArray());
    }

    [Theory]
    [InlineData("""{ schemaChangeImpact(dataset: "demo.raw.billing_line_items", first: 0) { schemaVersion } }""", "BAD_USER_INPUT")]
    [InlineData("""{ schemaChangeImpact(dataset: "demo.raw.billing_line_items", first: 101) { schemaVersion } }""", "BAD_USER_INPUT")]
    [InlineData("""{ schemaChangeImpact(dataset: "demo.nope.nothing") { schemaVersion } }""", "NOT_FOUND")]
    [InlineData("""{ schemaChangeImpact(dataset: "urn:tl:dataset:demo.nope.nothing") { schemaVersion } }""", "NOT_FOUND")]
    [InlineData("""{ schemaChangeImpact(dataset: "not a name") { schemaVersion } }""", "BAD_USER_INPUT")]
    public async Task Schema_change_impact_rejects_bad_arguments_with_a_code(string query, string code)
    {
        var result = await demo.Api.GraphQLAsync(query);
        Assert.Equal(code, CatalogApiFactory.ErrorCode(result));
    }

    [Fact]
    public async Task Schema_change_impact_refuses_an_oversized_dataset_reference()
    {
        var result = await demo.Api.GraphQLAsync("query($d: String!) { schemaChangeImpact(dataset: $d) { schemaVersion } }", new { d = "demo.raw." + new string('x', 5_000) });
        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(result));
    }

    private async Task ReingestWithoutColumnAsync(string dataset, string dropped)
    {
        var columns = await ColumnsAsync(dataset);
        Assert.Contains(columns, c => c.Name == dropped);
        await UpsertColumnsAsync(dataset, columns.Where(c => c.Name != dropped).ToList());
    }

    private async Task<List<(string Name, string Type)>> ColumnsAsync(string dataset)
    {
        var data = await demo.Api.DataAsync("query($n: String!) { dataset(name: $n) { columns { name type } } }", new { n = dataset });
        return data["dataset"]!["columns"]!.AsArray().Select(c => ((string)c!["name"]!, (string)c["type"]!)).ToList();
    }

    private async Task UpsertColumnsAsync(string dataset, IReadOnlyList<(string Name, string Type)> columns)
    {
        var input = new JsonObject
        {
            ["name"] = dataset,
            ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.Type })]),
        };
        await demo.Api.DataAsync("mutation($i: DatasetInput!) { upsertDataset(input: $i) { urn } }", new { i = input });
    }
}
