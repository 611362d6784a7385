using System.Text.Json.Nodes;
using static TownLake.Catalog.Tests.Lineage.Marquez.MarquezCatalogFixture;
using static TownLake.Catalog.Tests.Lineage.Marquez.ProducerEvents;

namespace TownLake.Catalog.Tests.Lineage.Marquez;

/// <summary>
/// Marquez's read API (issue 14): events from Spark, Airflow, dbt, a second database server and a Kafka producer read
/// back through every endpoint, each response validated against Marquez's OpenAPI component schemas.
/// </summary>
public sealed class MarquezReadApiTests(MarquezCatalogFixture fixture) : IClassFixture<MarquezCatalogFixture>
{
    private readonly MarquezSpec _spec = fixture.Spec;

    [Fact]
    public async Task Namespaces_list_every_producer_namespace_and_each_reads_back()
    {
        var list = await fixture.OkAsync("/api/v1/namespaces");
        _spec.AssertValid("NamespaceList", list);
        var names = list["namespaces"]!.AsArray().Select(n => (string?)n!["name"]).ToList();
        foreach (var expected in new[] { "airflow-prod", "dbt", "spark-prod", "replication", "streaming", MainDb, OtherDb, Warehouse, Lake, Kafka })
        {
            Assert.Contains(expected, names);
        }

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        var one = await fixture.OkAsync($"/api/v1/namespaces/{E(MainDb)}");
        _spec.AssertValid("Namespace", one);
        Assert.Equal(MainDb, (string?)one["name"]);

        var page = await fixture.OkAsync("/api/v1/namespaces?limit=2&offset=1");
        Assert.Equal(names.Skip(1).Take(2), page["namespaces"]!.AsArray().Select(n => (string?)n!["name"]));
    }

    [Fact]
    public async Task A_dataset_written_with_overwrite_reads_back_with_fields_versions_and_lifecycle_state()
    {
        var dataset = await fixture.OkAsync($"/api/v1/namespaces/{E(Lake)}/datasets/{E("warehouse/orders_enriched")}");
        _spec.AssertValid("Dataset", dataset);
        Assert.Equal("DB_TABLE", (string?)dataset["type"]);
        Assert.Equal(Lake, (string?)dataset["namespace"]);
        Assert.Equal(Lake, (string?)dataset["sourceName"]);
        Assert.Equal("warehouse/orders_enriched", (string?)dataset["name"]);
        Assert.Equal(["order_id", "customer_email", "amount"], dataset["fields"]!.AsArray().Select(f => (string?)f!["name"]));
        Assert.Equal("decimal(10,2)", (string?)dataset["fields"]![2]!["type"]);
        Assert.Equal("OVERWRITE", (string?)dataset["lastLifecycleState"]);
        Assert.StartsWith("2026-11-20T09:04:00", (string?)dataset["lastModifiedAt"]);
        var current = (string?)dataset["currentVersion"];
        Assert.NotNull(current);

        var versions = await fixture.OkAsync($"/api/v1/namespaces/{E(Lake)}/datasets/{E("warehouse/orders_enriched")}/versions");
        _spec.AssertValid("DatasetVersionList", versions);
        Assert.Equal(1, (int)versions["totalCount"]!);
        var version = versions["versions"]![0]!;
        _spec.AssertValid("DatasetVersion", version);
        Assert.Equal(current, (string?)version["version"]);
        Assert.Equal(SparkRun, (string?)version["createdByRun"]!["id"]);
        Assert.Equal("OVERWRITE", (string?)version["lifecycleState"]);

        var byId = await fixture.OkAsync($"/api/v1/namespaces/{E(Lake)}/datasets/{E("warehouse/orders_enriched")}/versions/{current}");
        _spec.AssertValid("DatasetVersion", byId);
        Assert.Equal(current, (string?)byId["id"]!["version"]);
    }

    [Fact]
    public async Task A_dbt_model_has_one_version_per_run_newest_first_and_pages_them()
    {
        var path = $"/api/v1/namespaces/{E(Warehouse)}/datasets/{E("jaffle.public.customers")}/versions";
        var versions = await fixture.OkAsync(path);
        _spec.AssertValid("DatasetVersionList", versions);
        Assert.Equal(2, (int)versions["totalCount"]!);
        Assert.Equal([DbtRun, DbtRunEarlier], versions["versions"]!.AsArray().Select(v => (string?)v!["createdByRun"]!["id"]));
        var second = await fixture.OkAsync(path + "?limit=1&offset=1");
        Assert.Equal(DbtRunEarlier, (string?)second["versions"]![0]!["createdByRun"]!["id"]);
        Assert.Equal(2, (int)second["totalCount"]!);

        var dataset = await fixture.OkAsync($"/api/v1/namespaces/{E(Warehouse)}/datasets/{E("jaffle.public.customers")}");
        Assert.Equal((string?)versions["versions"]![0]!["version"], (string?)dataset["currentVersion"]);
    }

    [Fact]
    public async Task Two_servers_with_the_same_table_name_are_two_datasets_in_two_namespaces()
    {
        var main = await fixture.OkAsync($"/api/v1/namespaces/{E(MainDb)}/datasets");
        var other = await fixture.OkAsync($"/api/v1/namespaces/{E(OtherDb)}/datasets");
        _spec.AssertValid("DatasetList", main);
        _spec.AssertValid("DatasetList", other);
        var mainOrders = main["datasets"]!.AsArray().Single(d => (string?)d!["name"] == "shop.public.orders")!;
        var otherOrders = other["datasets"]!.AsArray().Single(d => (string?)d!["name"] == "shop.public.orders")!;
        Assert.Equal(["order_id", "customer_email", "amount"], mainOrders["fields"]!.AsArray().Select(f => (string?)f!["name"]));
        Assert.Equal(["order_id", "region"], otherOrders["fields"]!.AsArray().Select(f => (string?)f!["name"]));
        Assert.Equal(1, (int)other["totalCount"]!);
        Assert.Equal(main["datasets"]!.AsArray().Count, (int)main["totalCount"]!);
        Assert.Null((string?)mainOrders["currentVersion"]);
        Assert.NotNull((string?)otherOrders["currentVersion"]);
    }

    [Fact]
    public async Task A_kafka_topic_is_a_stream()
    {
        var topic = await fixture.OkAsync($"/api/v1/namespaces/{E(Kafka)}/datasets/clicks");
        _spec.AssertValid("Dataset", topic);
        Assert.Equal("STREAM", (string?)topic["type"]);
        var producer = await fixture.OkAsync("/api/v1/namespaces/streaming/jobs/clickstream_producer");
        _spec.AssertValid("Job", producer);
        Assert.Equal("STREAM", (string?)producer["type"]);
        Assert.Empty(producer["inputs"]!.AsArray());
        Assert.Equal("clicks", (string?)producer["outputs"]![0]!["name"]);
    }

    [Fact]
    public async Task An_airflow_task_reads_back_with_its_parent_dag_latest_run_versions_and_facets()
    {
        var job = await fixture.OkAsync("/api/v1/namespaces/airflow-prod/jobs/orders_etl.load_orders");
        _spec.AssertValid("Job", job);
        Assert.Equal("orders_etl", (string?)job["parentJobName"]);
        Assert.Equal("load_orders", (string?)job["simpleName"]);
        Assert.Equal("https://github.com/example/dags/blob/main/orders_etl.py", (string?)job["location"]);
        Assert.Equal([(MainDb, "shop.public.orders")], job["inputs"]!.AsArray().Select(i => ((string?)i!["namespace"], (string?)i["name"])));
        Assert.Equal([(MainDb, "analytics.public.orders_daily")], job["outputs"]!.AsArray().Select(o => ((string?)o!["namespace"], (string?)o["name"])));
        var latest = job["latestRun"]!;
        Assert.Equal(AirflowTaskRun, (string?)latest["id"]);
        Assert.Equal("COMPLETED", (string?)latest["state"]);
        Assert.Equal(150_000, (long)latest["durationMs"]!);
        Assert.StartsWith("2026-11-20T06:00:00", (string?)latest["nominalStartTime"]);
        Assert.Equal((string?)job["currentVersion"], (string?)latest["jobVersion"]!["version"]);
        Assert.Equal("INSERT INTO analytics.public.orders_daily SELECT * FROM shop.public.orders", (string?)job["facets"]!["sql"]!["query"]);

        var versions = await fixture.OkAsync("/api/v1/namespaces/airflow-prod/jobs/orders_etl.load_orders/versions");
        _spec.AssertValid("JobVersionList", versions);
        var version = versions["versions"]![0]!;
        _spec.AssertValid("JobVersion", version);
        Assert.Equal((string?)job["currentVersion"], (string?)version["version"]);
        var byId = await fixture.OkAsync($"/api/v1/namespaces/airflow-prod/jobs/orders_etl.load_orders/versions/{(string?)version["version"]}");
        _spec.AssertValid("JobVersion", byId);
        Assert.Equal("shop.public.orders", (string?)byId["inputs"]![0]!["name"]);
    }

    [Fact]
    public async Task A_jobs_runs_page_newest_first_and_a_run_reads_back_with_its_facets()
    {
        var runs = await fixture.OkAsync("/api/v1/namespaces/dbt/jobs/jaffle_shop.model.jaffle_shop.customers/runs?limit=1");
        _spec.AssertValid("RunList", runs);
        Assert.Equal(2, (int)runs["totalCount"]!);
        Assert.Equal([DbtRun], runs["runs"]!.AsArray().Select(r => (string?)r!["id"]));
        _spec.AssertValid("Run", runs["runs"]![0]);
        var older = await fixture.OkAsync("/api/v1/namespaces/dbt/jobs/jaffle_shop.model.jaffle_shop.customers/runs?limit=1&offset=1");
        Assert.Equal([DbtRunEarlier], older["runs"]!.AsArray().Select(r => (string?)r!["id"]));

        var run = await fixture.OkAsync($"/api/v1/jobs/runs/{SparkRun}");
        _spec.AssertValid("Run", run);
        Assert.Equal("COMPLETED", (string?)run["state"]);
        Assert.Equal(Lake, (string?)run["outputDatasetVersions"]![0]!["datasetVersionId"]!["namespace"]);
        Assert.Equal("shop.public.orders", (string?)run["inputDatasetVersions"]![0]!["datasetVersionId"]!["name"]);

        var runFacets = await fixture.OkAsync($"/api/v1/jobs/runs/{SparkRun}/facets?type=run");
        _spec.AssertValid("FacetsResult", runFacets);
        Assert.Equal("3.5.1", (string?)runFacets["facets"]!["spark_version"]!["spark-version"]);
        var jobFacets = await fixture.OkAsync($"/api/v1/jobs/runs/{AirflowTaskRun}/facets?type=job");
        Assert.Equal(AirflowTaskRun, (string?)jobFacets["runId"]);
        Assert.Equal("AIRFLOW", (string?)jobFacets["facets"]!["jobType"]!["integration"]);
    }

    [Fact]
    public async Task Jobs_list_per_namespace_and_across_namespaces_with_total_counts()
    {
        var dbt = await fixture.OkAsync("/api/v1/namespaces/dbt/jobs");
        _spec.AssertValid("JobList", dbt);
        Assert.Contains("jaffle_shop.model.jaffle_shop.customers", dbt["jobs"]!.AsArray().Select(j => (string?)j!["name"]));
        Assert.Equal(dbt["jobs"]!.AsArray().Count, (int)dbt["totalCount"]!);
        var all = await fixture.OkAsync("/api/v1/jobs?limit=2");
        _spec.AssertValid("JobList", all);
        Assert.Equal(2, all["jobs"]!.AsArray().Count);
        Assert.True((int)all["totalCount"]! >= 6);
    }

    [Fact]
    public async Task Search_matches_name_patterns_and_filters_by_kind_namespace_and_day()
    {
        var orders = await fixture.OkAsync("/api/v1/search?q=orders");
        _spec.AssertValid("SearchResultList", orders);
        var hits = orders["results"]!.AsArray().Select(r => ((string?)r!["type"], (string?)r["namespace"], (string?)r["name"])).ToList();
        Assert.Contains(("DATASET", MainDb, "shop.public.orders"), hits);
        Assert.Contains(("DATASET", OtherDb, "shop.public.orders"), hits);
        Assert.Contains(("JOB", "airflow-prod", "orders_etl.load_orders"), hits);
        Assert.Equal(hits.Select(h => h.Item3).Order(StringComparer.Ordinal), hits.Select(h => h.Item3));
        Assert.Equal(hits.Count, (int)orders["totalCount"]!);
        Assert.Equal($"dataset:{MainDb}:shop.public.orders", (string?)orders["results"]!.AsArray().First(r => (string?)r!["namespace"] == MainDb && (string?)r["name"] == "shop.public.orders")!["nodeId"]);

        var jobs = await fixture.OkAsync("/api/v1/search?q=ORDERS&filter=job");
        Assert.All(jobs["results"]!.AsArray(), r => Assert.Equal("JOB", (string?)r!["type"]));
        var pattern = await fixture.OkAsync("/api/v1/search?q=shop.%25.orders&filter=DATASET&namespace=" + E(OtherDb));
        Assert.Equal([(OtherDb, "shop.public.orders")], pattern["results"]!.AsArray().Select(r => ((string?)r!["namespace"], (string?)r["name"])));
        var single = await fixture.OkAsync("/api/v1/search?q=cl_cks");
        Assert.Contains("clicks", single["results"]!.AsArray().Select(r => (string?)r!["name"]));
        var none = await fixture.OkAsync("/api/v1/search?q=orders&before=2000-01-01");
        Assert.Equal(0, (int)none["totalCount"]!);
        var limited = await fixture.OkAsync("/api/v1/search?q=o&limit=1&sort=updated_at");
        Assert.Single(limited["results"]!.AsArray());
    }

    [Fact]
    public async Task Sources_and_tags_list_in_the_spec_shape()
    {
        var sources = await fixture.OkAsync("/api/v1/sources");
        _spec.AssertValid("SourceList", sources);
        var kafka = sources["sources"]!.AsArray().Single(s => (string?)s!["name"] == Kafka)!;
        Assert.Equal("KAFKA", (string?)kafka["type"]);
        _spec.AssertValid("Source", await fixture.OkAsync($"/api/v1/sources/{E(MainDb)}"));

        var graph = await fixture.OkAsync($"/api/v1/lineage?nodeId={E($"dataset:{MainDb}:shop.public.orders")}&depth=0");
        var urn = (string?)graph["graph"]!.AsArray().Single(n => (string?)n!["id"] == $"dataset:{MainDb}:shop.public.orders")!["data"]!["urn"];
        await fixture.Api.DataAsync("mutation($u: ID!) { addTags(urn: $u, tags: [\"nightly\"]) { urn } }", new { u = urn });
        var tags = await fixture.OkAsync("/api/v1/tags");
        _spec.AssertValid("TagList", tags);
        Assert.Contains("nightly", tags["tags"]!.AsArray().Select(t => (string?)t!["name"]));
        var tagged = await fixture.OkAsync($"/api/v1/namespaces/{E(MainDb)}/datasets/{E("shop.public.orders")}");
        Assert.Contains("nightly", tagged["tags"]!.AsArray().Select(t => (string?)t));
    }

    [Fact]
    public async Task Lineage_and_column_lineage_graphs_validate_against_the_spec()
    {
        var lineage = await fixture.OkAsync($"/api/v1/lineage?nodeId={E($"dataset:{MainDb}:shop.public.orders")}&depth=2");
        fixture.Spec.AssertValidGraph(lineage);
        var ids = lineage["graph"]!.AsArray().Select(n => (string?)n!["id"]).ToList();
        Assert.Contains($"job:spark-prod:{SparkJob}", ids);
        Assert.Contains($"dataset:{Lake}:warehouse/orders_enriched", ids);
        Assert.DoesNotContain($"dataset:{OtherDb}:shop.public.orders", ids);
        var enriched = lineage["graph"]!.AsArray().Single(n => (string?)n!["id"] == $"dataset:{Lake}:warehouse/orders_enriched")!["data"]!;
        Assert.Equal("OVERWRITE", (string?)enriched["lastLifecycleState"]);
        Assert.StartsWith("2026-11-20T09:04:00", (string?)enriched["lastModifiedAt"]);
        Assert.NotNull((string?)enriched["currentVersion"]);

        var columns = await fixture.OkAsync($"/api/v1/column-lineage?nodeId={E($"datasetField:{Lake}:warehouse/orders_enriched:amount")}&depth=2");
        fixture.Spec.AssertValidGraph(columns);
        Assert.Contains($"datasetField:{MainDb}:shop.public.orders:amount", columns["graph"]!.AsArray().Select(n => (string?)n!["id"]));
    }

    [Fact]
    public async Task Listed_events_validate_against_the_spec()
    {
        var events = await fixture.OkAsync("/api/v1/events/lineage?limit=3");
        _spec.AssertValid("LineageEventList", events);
        Assert.Equal(3, events["events"]!.AsArray().Count);
    }

    [Fact]
    public void The_spec_check_rejects_a_missing_required_field_a_mistyped_one_and_a_bad_uuid()
    {
        var version = JsonNode.Parse($$"""
            {"id":{"namespace":"n","name":"d","version":"{{Guid.NewGuid()}}"},"type":"DB_TABLE","name":"d","physicalName":"d","createdAt":"2026-11-20T09:04:00Z",
             "version":"v","namespace":"n","sourceName":"n","description":null,"fields":[{"name":"a","type":"int"}]}
            """)!;
        Assert.Empty(_spec.Errors("DatasetVersion", version));
        var missing = version.DeepClone();
        missing.AsObject().Remove("physicalName");
        Assert.NotEmpty(_spec.Errors("DatasetVersion", missing));
        var mistyped = version.DeepClone();
        mistyped["fields"]![0]!["type"] = 5;
        Assert.NotEmpty(_spec.Errors("DatasetVersion", mistyped));
        var badId = version.DeepClone();
        badId["id"]!["version"] = "v41";
        Assert.NotEmpty(_spec.Errors("DatasetVersion", badId));
        var badTime = version.DeepClone();
        badTime["createdAt"] = "yesterday";
        Assert.NotEmpty(_spec.Errors("DatasetVersion", badTime));
        Assert.NotEmpty(_spec.Errors("Run", JsonNode.Parse("""{"id":"r","state":"DONE"}""")));
        Assert.NotEmpty(_spec.Errors("DatasetList", JsonNode.Parse("""{"totalCount":1}""")));
    }
}
