using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Lineage;

/// <summary>OpenLineage ingestion rules: idempotency, field-naming errors, SQL-derived column lineage, connection mapping.</summary>
public sealed class OpenLineageIngestionTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new(settings: new Dictionary<string, string?>
    {
        ["TownLake:Lineage:Namespaces:0:Namespace"] = "postgres://db.internal:5432",
        ["TownLake:Lineage:Namespaces:0:Database"] = "shop",
        ["TownLake:Lineage:Namespaces:0:Connection"] = "shop",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string Event(string runId, string eventType, string sql, bool withColumnLineage = false) => $$"""
        {
          "eventType": "{{eventType}}", "eventTime": "2026-11-20T10:00:00Z", "producer": "https://example.test/producer",
          "run": { "runId": "{{runId}}" },
          "job": { "namespace": "analytics", "name": "build_order_totals", "facets": { "sql": { "query": "{{sql}}" } } },
          "inputs": [
            { "namespace": "postgres://db.internal:5432", "name": "shop.public.orders",
              "facets": { "schema": { "fields": [ { "name": "order_id", "type": "int" }, { "name": "customer_id", "type": "int" }, { "name": "amount", "type": "numeric" } ] } } },
            { "namespace": "postgres://db.internal:5432", "name": "shop.public.customers",
              "facets": { "schema": { "fields": [ { "name": "customer_id", "type": "int" }, { "name": "region", "type": "text" } ] } } }
          ],
          "outputs": [ { "namespace": "postgres://db.internal:5432", "name": "shop.reporting.order_totals",
            "facets": { "schema": { "fields": [ { "name": "region" }, { "name": "total" } ] }{{(withColumnLineage ? """
              , "columnLineage": { "fields": { "total": { "inputFields": [ { "namespace": "postgres://db.internal:5432", "name": "shop.public.orders", "field": "amount",
                  "transformations": [ { "type": "DIRECT", "subtype": "AGGREGATION" } ] } ] } } }
              """ : "")}} } } ]
        }
        """;

    private const string TotalsSql = "SELECT c.region, sum(o.amount) AS total FROM public.orders o JOIN public.customers c ON c.customer_id = o.customer_id GROUP BY c.region";

    [Fact]
    public async Task Sql_only_event_gets_column_lineage_derived_from_its_sql_under_the_mapped_connection()
    {
        using var client = _api.CreateClient();
        var (status, body) = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", Event("0e6ef5c6-3d2e-4b8e-a3a2-6d4a8f1e7c01", "COMPLETE", TotalsSql));
        Assert.Equal(201, status);
        Assert.True((bool)body!["columnLineageDerivedFromSql"]!);

        var data = await _api.DataAsync("""
            { lineage(urn: "urn:tl:dataset:shop.reporting.order_totals", direction: UPSTREAM, depth: 1, columns: true) {
                edges { upstream upstreamColumn downstreamColumn origin transformation } } }
            """);
        var edges = data["lineage"]!["edges"]!.AsArray();
        var total = edges.Single(e => (string?)e!["downstreamColumn"] == "total");
        Assert.Equal("urn:tl:dataset:shop.public.orders", (string?)total!["upstream"]);
        Assert.Equal("amount", (string?)total["upstreamColumn"]);
        Assert.Equal("DIRECT/AGGREGATION", (string?)total["transformation"]);
        Assert.Equal("openlineage", (string?)total["origin"]);
        Assert.Contains(edges, e => (string?)e!["downstreamColumn"] == "region" && (string?)e["upstream"] == "urn:tl:dataset:shop.public.customers");

        // The mapped namespace reads back under the OpenLineage name too.
        var (readStatus, graph) = await LineageTestData.GetJsonAsync(client, "/api/v1/lineage?nodeId=" + Uri.EscapeDataString("dataset:postgres://db.internal:5432:shop.reporting.order_totals"));
        Assert.Equal(200, readStatus);
        Assert.Contains(graph!["graph"]!.AsArray(), n => (string?)n!["id"] == "job:analytics:build_order_totals");
    }

    [Fact]
    public async Task Same_run_and_event_type_twice_changes_nothing()
    {
        using var client = _api.CreateClient();
        var json = Event("5f1d7f7e-7a77-4a5e-9c3c-1f0e3c9d2b11", "COMPLETE", TotalsSql, withColumnLineage: true);
        var first = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", json);
        var history = await _api.DataAsync("""{ dataset(name: "shop.reporting.order_totals") { history { aspect } } }""");
        var second = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", json);
        var historyAfter = await _api.DataAsync("""{ dataset(name: "shop.reporting.order_totals") { history { aspect } } }""");

        Assert.False((bool)first.Body!["duplicate"]!);
        Assert.Equal(201, second.Status);
        Assert.True((bool)second.Body!["duplicate"]!);
        Assert.Equal(history.ToJsonString(), historyAfter.ToJsonString());
        var (_, events) = await LineageTestData.GetJsonAsync(client, "/api/v1/events/lineage");
        Assert.Single(events!["events"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"eventType":"COMPLETE","job":{"namespace":"n","name":"j"},"outputs":[{"namespace":"n"}]}""", "outputs[0].name is required")]
    [InlineData("""{"eventType":"DONE","job":{"namespace":"n","name":"j"}}""", "eventType")]
    [InlineData("""{"job":{"namespace":"n","name":"j"},"inputs":{"name":"x"}}""", "inputs must be an array")]
    [InlineData("""{"job":{"namespace":"n","name":"j"},"outputs":[{"namespace":"n","name":"t","facets":{"schema":{"fields":[{"type":"int"}]}}}]}""", "outputs[0].facets.schema.fields[0].name is required")]
    [InlineData("""{"job":{"namespace":"n","name":"j"},"outputs":[{"namespace":"n","name":"t","facets":{"columnLineage":{"fields":{"a":{"inputFields":[{"namespace":"n","name":"s"}]}}}}}]}""", "outputs[0].facets.columnLineage.fields.a.inputFields[0].field is required")]
    [InlineData("""{"run":{"runId":42},"job":{"namespace":"n","name":"j"}}""", "run.runId must be a string")]
    [InlineData("""[1,2]""", "JSON object")]
    [InlineData("""{"eventType":"START"}""", "job is required")]
    [InlineData("""{not json""", "not valid JSON")]
    public async Task Bad_event_is_rejected_with_400_naming_the_field(string json, string expected)
    {
        using var client = _api.CreateClient();
        var (status, body) = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", json);
        Assert.Equal(400, status);
        // Marquez's error body: the status as a number in code, our code in details.
        Assert.Equal(400, (int)body!["code"]!);
        Assert.Contains((string?)body["details"], new[] { "BAD_USER_INPUT", "BAD_REQUEST" });
        Assert.Contains(expected, (string?)body["message"]);
    }

    [Fact]
    public async Task Dataset_event_describes_a_dataset_without_lineage()
    {
        using var client = _api.CreateClient();
        var (status, body) = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", """
            { "eventTime": "2026-11-20T10:00:00Z", "producer": "p", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent",
              "dataset": { "namespace": "s3://lake", "name": "landing/orders", "facets": { "schema": { "fields": [ { "name": "id", "type": "long" } ] } } } }
            """);
        var (badStatus, bad) = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", """{ "dataset": { "namespace": "s3://lake" } }""");

        Assert.Equal(201, status);
        Assert.Equal(["urn:tl:dataset:s3://lake.landing.orders"], body!["datasets"]!.AsArray().Select(d => (string?)d));
        var data = await _api.DataAsync("""{ dataset(name: "\"s3://lake\".landing.orders") { platform kind columns { name type } upstreamCount } }""");
        Assert.Equal("s3", (string?)data["dataset"]!["platform"]);
        Assert.Equal("FILE", (string?)data["dataset"]!["kind"]);
        Assert.Equal(0, (int)data["dataset"]!["upstreamCount"]!);
        Assert.Equal(400, badStatus);
        Assert.Contains("dataset.name is required", (string?)bad!["message"]);
    }

    [Theory]
    [InlineData("/api/v1/lineage?nodeId=table:x:y", 400)]
    [InlineData("/api/v1/lineage?nodeId=", 400)]
    [InlineData("/api/v1/lineage?nodeId=dataset:nowhere:no.such.table", 404)]
    [InlineData("/api/v1/lineage?nodeId=job:nowhere:nothing", 404)]
    [InlineData("/api/v1/column-lineage?nodeId=datasetField:nowhere:no.such.table:col", 404)]
    [InlineData("/api/v1/lineage?nodeId=dataset:a:b&depth=-1", 400)]
    public async Task Malformed_node_id_is_400_and_unknown_node_is_404(string path, int expected)
    {
        using var client = _api.CreateClient();
        var (status, body) = await LineageTestData.GetJsonAsync(client, path);
        Assert.True(expected == status, $"{path}: {status} {body}");
    }

    [Fact]
    public async Task Event_enriches_a_connector_dataset_without_overwriting_it()
    {
        await LineageTestData.UpsertDatasetAsync(_api, "shop.public.orders", ["order_id", "customer_id", "amount", "created_at"]);
        using var client = _api.CreateClient();
        Assert.Equal(201, (await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", Event("c3c4d5e6-0000-4000-8000-000000000001", "START", TotalsSql))).Status);

        var data = await _api.DataAsync("""{ dataset(name: "shop.public.orders") { platform columns { name type } downstreamCount } }""");
        Assert.Equal("duckdb", (string?)data["dataset"]!["platform"]);
        Assert.Equal(4, data["dataset"]!["columns"]!.AsArray().Count);
        Assert.Equal("INTEGER", (string?)data["dataset"]!["columns"]![0]!["type"]);
        Assert.Equal(1, (int)data["dataset"]!["downstreamCount"]!);
        var all = await _api.DataAsync("""{ datasets(filter: { catalog: "shop" }) { totalCount } }""");
        Assert.Equal(3, (int)all["datasets"]!["totalCount"]!);
    }
}
