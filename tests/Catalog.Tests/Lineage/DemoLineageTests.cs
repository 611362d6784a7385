using TownLake.Catalog.Tests.GraphQL;

namespace TownLake.Catalog.Tests.Lineage;

/// <summary>The demo warehouse's lineage is derived from the SQL that builds its tables, at dataset and column level.</summary>
public sealed class DemoLineageTests(DemoCatalogFixture demo) : IClassFixture<DemoCatalogFixture>
{
    private const string Allocated = "urn:tl:dataset:demo.fct.billings_allocated";

    [Fact]
    public async Task Allocated_billings_column_comes_from_billed_amount_through_the_case_expression()
    {
        var data = await demo.Api.DataAsync("""
            query($u: ID!) { lineage(urn: $u, direction: UPSTREAM, depth: 1, columns: true) {
              nodes { name type depth }
              edges { upstream downstream upstreamColumn downstreamColumn origin transformation expression job { name namespace sql } } } }
            """, new { u = Allocated });

        var edges = data["lineage"]!["edges"]!.AsArray();
        var edge = edges.Single(e => (string?)e!["upstream"] == "urn:tl:dataset:demo.raw.billing_line_items"
            && (string?)e["upstreamColumn"] == "billed_amount" && (string?)e["downstreamColumn"] == "alloc_amount");
        Assert.Equal("sql", (string?)edge!["origin"]);
        Assert.StartsWith("DIRECT/", (string?)edge["transformation"]);
        Assert.Contains("billed_amount / 12", (string?)edge["expression"]);
        Assert.Contains("billed_amount / 12", (string?)edge["job"]!["sql"]);
        Assert.Equal("townlake", (string?)edge["job"]!["namespace"]);
        Assert.Contains(data["lineage"]!["nodes"]!.AsArray(), n => (string?)n!["name"] == "demo.raw.billing_line_items" && (int)n["depth"]! == 1);
    }

    [Fact]
    public async Task Every_derived_demo_table_has_upstream_datasets_and_a_select_star_copy_keeps_column_identity()
    {
        var data = await demo.Api.DataAsync("""
            { copy: dataset(name: "demo.scratch.billings_allocated_copy") { upstreamCount downstreamCount }
              source: dataset(name: "demo.raw.billing_line_items") { upstreamCount downstreamCount }
              lineage(urn: "urn:tl:dataset:demo.scratch.billings_allocated_copy", direction: UPSTREAM, depth: 1, columns: true) { edges { upstreamColumn downstreamColumn transformation } } }
            """);

        Assert.Equal(1, (int)data["copy"]!["upstreamCount"]!);
        Assert.Equal(0, (int)data["source"]!["upstreamCount"]!);
        Assert.True((int)data["source"]!["downstreamCount"]! >= 1);
        var columnEdges = data["lineage"]!["edges"]!.AsArray().Where(e => e!["downstreamColumn"] is not null).ToList();
        Assert.NotEmpty(columnEdges);
        Assert.All(columnEdges, e => Assert.Equal((string?)e!["upstreamColumn"], (string?)e["downstreamColumn"]));
        Assert.All(columnEdges, e => Assert.Equal("DIRECT/IDENTITY", (string?)e!["transformation"]));
    }

    [Fact]
    public async Task Marquez_reads_show_demo_tables_under_their_default_openlineage_names()
    {
        using var client = demo.Api.CreateClient();
        const string node = "dataset:duckdb://demo:demo.fct.billings_allocated";
        var (status, graph) = await LineageTestData.GetJsonAsync(client, "/api/v1/lineage?depth=1&nodeId=" + Uri.EscapeDataString(node));
        Assert.Equal(200, status);
        var nodes = graph!["graph"]!.AsArray();
        var job = nodes.Single(n => (string?)n!["id"] == "job:townlake:demo.fct.billings_allocated");
        Assert.Equal("JOB", (string?)job!["type"]);
        Assert.Contains(job["inEdges"]!.AsArray(), e => (string?)e!["origin"] == "dataset:duckdb://demo:demo.raw.billing_line_items");
        Assert.Contains(job["outEdges"]!.AsArray(), e => (string?)e!["destination"] == node);
        Assert.Equal("demo.fct.billings_allocated", (string?)nodes.Single(n => (string?)n!["id"] == node)!["data"]!["name"]);

        var (columnStatus, columns) = await LineageTestData.GetJsonAsync(client, "/api/v1/column-lineage?nodeId=" + Uri.EscapeDataString(node.Replace("dataset:", "datasetField:") + ":alloc_amount"));
        Assert.Equal(200, columnStatus);
        var field = columns!["graph"]!.AsArray().Single(n => (string?)n!["id"] == "datasetField:duckdb://demo:demo.fct.billings_allocated:alloc_amount");
        Assert.Contains(field!["data"]!["inputFields"]!.AsArray(), i => (string?)i!["dataset"] == "demo.raw.billing_line_items" && (string?)i["field"] == "billed_amount");
    }

    [Fact]
    public async Task Agent_get_lineage_answers_compactly_and_rejects_bad_input()
    {
        using var client = demo.Api.CreateClient();
        var (status, body) = await LineageTestData.PostJsonAsync(client, "/api/agent/get_lineage", """{"dataset": "demo.fct.billings_allocated", "direction": "upstream", "depth": 2}""");
        Assert.Equal(200, status);
        Assert.Contains(body!["upstream"]!.AsArray(), u => (string?)u!["dataset"] == "demo.raw.billing_line_items");
        Assert.Null(body["downstream"]);

        var (badStatus, badBody) = await LineageTestData.PostJsonAsync(client, "/api/agent/get_lineage", """{"dataset": "demo.fct.billings_allocated", "direction": "sideways"}""");
        Assert.Equal(400, badStatus);
        Assert.Contains("direction", (string?)badBody!["error"]!["message"]);
        var (missingStatus, _) = await LineageTestData.PostJsonAsync(client, "/api/agent/get_lineage", """{"dataset": "demo.nope.nothing"}""");
        Assert.Equal(404, missingStatus);
    }
}
