using System.Text.Json.Nodes;

namespace TownLake.Catalog.Tests.Lineage;

/// <summary>
/// Jobs and runs as first-class entities (issue 14): Airflow DAG → task parents, runs with their transitions, times,
/// errors and dataset versions, one-sided jobs as producers or consumers, and no run made up from a JobEvent.
/// </summary>
public sealed class JobsAndRunsTests : IAsyncLifetime
{
    private const string DagRun = "01932a5e-0000-7000-8000-0000000000d1";
    private const string TaskRun = "01932a5e-0000-7000-8000-0000000000e1";

    private readonly CatalogApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    // The shape the Airflow provider (apache-airflow-providers-openlineage) sends for a task of a DAG run.
    private static string AirflowTask(string eventType, string time, string extraRunFacets = "") => $$$$"""
        {"eventType":"{{{{eventType}}}}","eventTime":"{{{{time}}}}","producer":"https://github.com/apache/airflow/tree/providers-openlineage/1.14.0",
         "schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
         "run":{"runId":"{{{{TaskRun}}}}","facets":{
            "nominalTime":{"nominalStartTime":"2026-11-20T06:00:00Z","nominalEndTime":"2026-11-21T06:00:00Z"},
            "parent":{"job":{"namespace":"airflow-prod","name":"orders_etl"},"run":{"runId":"{{{{DagRun}}}}"}}{{{{extraRunFacets}}}}}},
         "job":{"namespace":"airflow-prod","name":"orders_etl.load_orders","facets":{
            "jobType":{"processingType":"BATCH","integration":"AIRFLOW","jobType":"TASK"},
            "sql":{"query":"INSERT INTO analytics.public.orders_daily SELECT * FROM shop.public.orders"},
            "sourceCodeLocation":{"type":"git","url":"https://github.com/example/dags/blob/main/orders_etl.py"},
            "ownership":{"owners":[{"name":"team:data-eng","type":"team"}]} } },
         "inputs":[{"namespace":"postgres://db.example.com:5432","name":"shop.public.orders","facets":{"version":{"datasetVersion":"v41"}}}],
         "outputs":[{"namespace":"postgres://db.example.com:5432","name":"analytics.public.orders_daily"}]}
        """;

    private async Task PostAsync(string json)
    {
        using var client = _api.CreateClient();
        var (status, body) = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", json);
        Assert.True(status == 201, $"{status} {body}");
    }

    [Fact]
    public async Task An_airflow_task_run_has_its_parent_dag_times_transitions_and_dataset_versions()
    {
        await PostAsync(AirflowTask("START", "2026-11-20T06:01:00Z"));
        await PostAsync(AirflowTask("COMPLETE", "2026-11-20T06:03:30Z"));

        var data = await _api.DataAsync($$"""
            { run(id: "{{TaskRun}}") { id state startedAt endedAt durationMs nominalStartTime parentRunId jobVersion
                transitions { state eventType } inputs { name version } outputs { name }
                parentJob { name } job { name version location owners integration parentJob { name } sql runs { totalCount items { id } } latestRun { id state } } }
              job(namespace: "airflow-prod", name: "orders_etl") { name } }
            """);
        var run = data["run"]!;
        Assert.Equal("COMPLETED", (string?)run["state"]);
        Assert.Equal(150_000, (long)run["durationMs"]!);
        Assert.Equal(["RUNNING", "COMPLETED"], run["transitions"]!.AsArray().Select(t => (string?)t!["state"]));
        Assert.Equal(DagRun, (string?)run["parentRunId"]);
        Assert.Equal("orders_etl", (string?)run["parentJob"]!["name"]);
        Assert.Equal("v41", (string?)run["inputs"]![0]!["version"]);
        Assert.Equal("analytics.public.orders_daily", (string?)run["outputs"]![0]!["name"]);
        var job = run["job"]!;
        Assert.Equal((string?)job["version"], (string?)run["jobVersion"]);
        Assert.Equal("https://github.com/example/dags/blob/main/orders_etl.py", (string?)job["location"]);
        Assert.Equal(["team:data-eng"], job["owners"]!.AsArray().Select(o => (string?)o));
        Assert.Equal("AIRFLOW", (string?)job["integration"]);
        Assert.Equal("orders_etl", (string?)job["parentJob"]!["name"]);
        Assert.Equal(1, (int)job["runs"]!["totalCount"]!);
        Assert.Equal("COMPLETED", (string?)job["latestRun"]!["state"]);
        Assert.Equal("orders_etl", (string?)data["job"]!["name"]);
    }

    [Fact]
    public async Task A_run_whose_events_arrive_out_of_order_ends_in_its_final_state()
    {
        await PostAsync(AirflowTask("FAIL", "2026-11-20T06:05:00Z", ""","errorMessage":{"message":"division by zero","programmingLanguage":"python","stackTrace":"Traceback ..."}"""));
        await PostAsync(AirflowTask("START", "2026-11-20T06:01:00Z"));

        var run = (await _api.DataAsync($$"""{ run(id: "{{TaskRun}}") { state startedAt endedAt errorMessage errorLanguage facets } }"""))["run"]!;

        Assert.Equal("FAILED", (string?)run["state"]);
        Assert.Equal("division by zero", (string?)run["errorMessage"]);
        Assert.Equal("python", (string?)run["errorLanguage"]);
        Assert.NotNull(run["facets"]!["nominalTime"]);
        Assert.NotNull(run["startedAt"]);
        Assert.NotNull(run["endedAt"]);
    }

    [Fact]
    public async Task One_sided_jobs_show_as_producers_and_consumers_of_their_dataset()
    {
        await PostAsync("""
            {"eventType":"COMPLETE","eventTime":"2026-11-20T07:00:00Z","producer":"https://example.test/kafka","run":{"runId":"44444444-0000-4000-8000-000000000001"},
             "job":{"namespace":"streaming","name":"clickstream_producer","facets":{"jobType":{"processingType":"STREAMING","integration":"FLINK","jobType":"JOB"}}},
             "inputs":[],"outputs":[{"namespace":"kafka://broker.example.com:9092","name":"clicks"}]}
            """);
        await PostAsync("""
            {"eventType":"COMPLETE","eventTime":"2026-11-20T08:00:00Z","producer":"https://example.test/export","run":{"runId":"44444444-0000-4000-8000-000000000002"},
             "job":{"namespace":"exports","name":"clicks_to_partner"},
             "inputs":[{"namespace":"kafka://broker.example.com:9092","name":"clicks"}],"outputs":[]}
            """);

        var data = await _api.DataAsync("""
            query($n: String!) { dataset(name: $n) { producers { name processingType } consumers { name } runs { id } } }
            """, new { n = "\"kafka://broker.example.com:9092\".default.clicks" });
        Assert.Equal("clickstream_producer", (string?)data["dataset"]!["producers"]![0]!["name"]);
        Assert.Equal("STREAMING", (string?)data["dataset"]!["producers"]![0]!["processingType"]);
        Assert.Equal("clicks_to_partner", (string?)data["dataset"]!["consumers"]![0]!["name"]);
        Assert.Equal(2, data["dataset"]!["runs"]!.AsArray().Count);
    }

    [Fact]
    public async Task Marquez_job_nodes_carry_the_parent_the_latest_run_and_one_sided_jobs()
    {
        await PostAsync(AirflowTask("START", "2026-11-20T06:01:00Z"));
        await PostAsync(AirflowTask("COMPLETE", "2026-11-20T06:03:30Z"));
        await PostAsync("""
            {"eventType":"COMPLETE","eventTime":"2026-11-20T08:00:00Z","producer":"https://example.test/export","run":{"runId":"44444444-0000-4000-8000-000000000003"},
             "job":{"namespace":"exports","name":"orders_daily_to_s3"},
             "inputs":[{"namespace":"postgres://db.example.com:5432","name":"analytics.public.orders_daily"}],"outputs":[]}
            """);
        using var client = _api.CreateClient();

        var (status, graph) = await LineageTestData.GetJsonAsync(client, "/api/v1/lineage?depth=2&nodeId=" + Uri.EscapeDataString("job:airflow-prod:orders_etl.load_orders"));

        Assert.Equal(200, status);
        var nodes = graph!["graph"]!.AsArray();
        var task = nodes.Single(n => (string?)n!["id"] == "job:airflow-prod:orders_etl.load_orders")!["data"]!;
        Assert.Equal("orders_etl", (string?)task["parentJobName"]);
        Assert.Equal("load_orders", (string?)task["simpleName"]);
        Assert.Null(task["currentRunUuid"]);
        Assert.Equal("https://github.com/example/dags/blob/main/orders_etl.py", (string?)task["location"]);
        var run = task["latestRun"]!;
        Assert.Equal(TaskRun, (string?)run["id"]);
        Assert.Equal("COMPLETED", (string?)run["state"]);
        Assert.Equal(150_000, (long)run["durationMs"]!);
        Assert.Equal("2026-11-20T06:00:00.0000000Z", (string?)run["nominalStartTime"]);
        // Marquez's version ids are UUIDs: the producer's "v41" is shown as its name-based UUID.
        Assert.Equal(Catalog.Lineage.Marquez.MarquezVersionId.Of("postgres://db.example.com:5432", "shop.public.orders", "v41"), (string?)run["inputDatasetVersions"]![0]!["datasetVersionId"]!["version"]);
        Assert.NotNull(run["facets"]!["parent"]);
        // The export reads the task's output and writes nothing: it is drawn all the same.
        Assert.Contains(nodes, n => (string?)n!["id"] == "job:exports:orders_daily_to_s3");
    }

    [Fact]
    public async Task A_running_task_is_the_current_run_and_both_datasets_pages_list_it_with_its_times_and_versions()
    {
        await PostAsync(AirflowTask("START", "2026-11-20T06:01:00Z"));
        using var client = _api.CreateClient();
        var node = "/api/v1/lineage?depth=1&nodeId=" + Uri.EscapeDataString("job:airflow-prod:orders_etl.load_orders");

        var (status, graph) = await LineageTestData.GetJsonAsync(client, node);
        Assert.Equal(200, status);
        var running = graph!["graph"]!.AsArray().Single(n => (string?)n!["id"] == "job:airflow-prod:orders_etl.load_orders")!["data"]!;
        Assert.Equal(TaskRun, (string?)running["currentRunUuid"]);
        Assert.Equal("RUNNING", (string?)running["latestRun"]!["state"]);
        Assert.NotNull(running["latestRun"]!["startedAt"]);
        Assert.Null(running["latestRun"]!["endedAt"]);

        await PostAsync(AirflowTask("COMPLETE", "2026-11-20T06:03:30Z"));
        var (_, after) = await LineageTestData.GetJsonAsync(client, node);
        var done = after!["graph"]!.AsArray().Single(n => (string?)n!["id"] == "job:airflow-prod:orders_etl.load_orders")!["data"]!;
        Assert.Null(done["currentRunUuid"]);
        Assert.NotNull(done["latestRun"]!["endedAt"]);
        Assert.False(string.IsNullOrEmpty((string?)done["latestRun"]!["jobVersion"]!["version"]));
        Assert.Equal("analytics.public.orders_daily", (string?)done["latestRun"]!["outputDatasetVersions"]![0]!["datasetVersionId"]!["name"]);

        var pages = await _api.DataAsync($$"""
            { job(namespace: "airflow-prod", name: "orders_etl.load_orders") { version latestRun { id jobVersion startedAt endedAt nominalEndTime } }
              run(id: "{{TaskRun}}") { inputs { datasetUrn } outputs { datasetUrn } } }
            """);
        var job = pages["job"]!;
        Assert.Equal((string?)job["version"], (string?)job["latestRun"]!["jobVersion"]);
        Assert.NotNull(job["latestRun"]!["startedAt"]);
        Assert.NotNull(job["latestRun"]!["endedAt"]);
        Assert.NotNull(job["latestRun"]!["nominalEndTime"]);
        foreach (var side in new[] { "inputs", "outputs" })
        {
            var datasetUrn = (string)pages["run"]![side]![0]!["datasetUrn"]!;
            var dataset = await _api.DataAsync("query($u: ID!) { dataset(urn: $u) { runs { id state } } }", new { u = datasetUrn });
            var listed = dataset["dataset"]!["runs"]!.AsArray().Single()!;
            Assert.Equal(TaskRun, (string?)listed["id"]);
            Assert.Equal("COMPLETED", (string?)listed["state"]);
        }
    }

    [Fact]
    public async Task A_job_event_describes_the_job_and_makes_no_run()
    {
        await PostAsync("""
            {"producer":"https://example.test/p","schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
             "job":{"namespace":"static","name":"described_only","facets":{"documentation":{"description":"Nightly rebuild."}}},
             "inputs":[{"namespace":"static","name":"a.b"}],"outputs":[{"namespace":"static","name":"a.c"}]}
            """);

        var job = (await _api.DataAsync("""{ job(namespace: "static", name: "described_only") { description latestRun { id } runs { totalCount } lastRunState inputUrns } }"""))["job"]!;

        Assert.Equal("Nightly rebuild.", (string?)job["description"]);
        Assert.Null(job["latestRun"]);
        Assert.Null(job["lastRunState"]);
        Assert.Equal(0, (int)job["runs"]!["totalCount"]!);
        Assert.Single(job["inputUrns"]!.AsArray());
    }

    [Fact]
    public async Task Jobs_are_listed_by_namespace_and_found_by_text()
    {
        await PostAsync(AirflowTask("COMPLETE", "2026-11-20T06:03:30Z"));

        var data = await _api.DataAsync("""
            { all: jobs(namespace: "airflow-prod") { totalCount items { name } }
              found: jobs(query: "ORDERS_DAILY") { totalCount items { name } }
              none: jobs(query: "no such job") { totalCount } }
            """);
        Assert.Equal(2, (int)data["all"]!["totalCount"]!);
        Assert.Equal("orders_etl.load_orders", (string?)data["found"]!["items"]![0]!["name"]);
        Assert.Equal(0, (int)data["none"]!["totalCount"]!);
    }

    [Theory]
    [InlineData("""{ jobs(first: -1) { totalCount } }""")]
    [InlineData("""{ jobs(first: 100000000) { totalCount } }""")]
    [InlineData("""{ jobs(offset: -3) { totalCount } }""")]
    [InlineData("""{ job { name } }""")]
    [InlineData("""{ job(urn: "urn:tl:job:a:b", namespace: "a", name: "b") { name } }""")]
    [InlineData("""{ job(namespace: "only-namespace") { name } }""")]
    public async Task Bad_job_arguments_are_refused_with_a_code(string query)
    {
        var response = await _api.GraphQLAsync(query);

        var error = response["errors"]![0]!;
        Assert.Equal("BAD_USER_INPUT", (string?)error["extensions"]!["code"]);
    }

    [Fact]
    public async Task Unknown_job_and_run_are_null_and_path_like_names_find_nothing()
    {
        var data = await _api.DataAsync("""
            { job(namespace: "../../etc", name: "passwd") { name } run(id: "../../../x") { id } }
            """);

        Assert.Null(data["job"]);
        Assert.Null(data["run"]);
    }
}
