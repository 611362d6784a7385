using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Lineage.OpenLineage;

namespace TownLake.Catalog.Tests.Lineage;

/// <summary>
/// Dataset identity across systems (issue 14): the same table name on two servers is two datasets, a configured
/// connection takes its namespaces, partitions fold into their table, and a TABLE symlink names a dataset whatever order
/// the events arrive in.
/// </summary>
public sealed class OpenLineageIdentityTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new(demo: true, settings: new Dictionary<string, string?>
    {
        ["TownLake:Connections:warehouse:Type"] = "duckdb",
        ["TownLake:Connections:warehouse:Path"] = ":memory:",
        ["TownLake:Connections:warehouse:Namespaces"] = "postgres://wh-primary.example.com:5432, postgres://wh-replica.example.com:5432",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static string Event(string job, string runId, string eventType, string inputs, string outputs) => $$"""
        {"eventType":"{{eventType}}","eventTime":"2026-11-20T10:00:00Z","producer":"https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/spark",
         "run":{"runId":"{{runId}}"},"job":{"namespace":"identity","name":"{{job}}"},"inputs":[{{inputs}}],"outputs":[{{outputs}}]}
        """;

    private static string Dataset(string ns, string name, string facets = "") =>
        $$$"""{"namespace":"{{{ns}}}","name":"{{{name}}}","facets":{ {{{facets}}} }}""";

    private static string Schema(params string[] columns) =>
        $$""" "schema":{"fields":[{{string.Join(',', columns.Select(c => $$"""{"name":"{{c}}","type":"int"}"""))}}]} """;

    private static string TableSymlink(string ns, string name) =>
        $$""" "symlinks":{"identifiers":[{"namespace":"{{ns}}","name":"{{name}}","type":"TABLE"}]} """;

    private async Task PostAsync(string json)
    {
        using var client = _api.CreateClient();
        var (status, body) = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", json);
        Assert.True(status == 201, $"{status} {body}");
    }

    private async Task<JsonNode?> DatasetAsync(string name) =>
        (await _api.DataAsync("query($n: String!) { dataset(name: $n) { urn removed platform columns { name } upstreamCount downstreamCount } }", new { n = name }))["dataset"];

    [Fact]
    public async Task The_same_table_name_on_two_servers_is_two_datasets_with_their_own_schema_and_lineage()
    {
        await PostAsync(Event("copy_a", "11111111-0000-4000-8000-000000000001", "COMPLETE",
            Dataset("postgres://db.example.com:5432", "shop.public.orders", Schema("order_id", "amount")),
            Dataset("postgres://db.example.com:5432", "shop.public.orders_copy")));
        await PostAsync(Event("copy_b", "11111111-0000-4000-8000-000000000002", "COMPLETE",
            Dataset("postgres://other-db.example.com:5432", "shop.public.orders", Schema("id", "total", "currency")),
            Dataset("postgres://other-db.example.com:5432", "shop.public.orders_copy")));

        var first = await DatasetAsync("\"postgres://db.example.com:5432/shop\".public.orders");
        var second = await DatasetAsync("\"postgres://other-db.example.com:5432/shop\".public.orders");

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual((string?)first["urn"], (string?)second!["urn"]);
        Assert.Equal(["order_id", "amount"], first["columns"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal(["id", "total", "currency"], second["columns"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal(1, (int)first["downstreamCount"]!);
        Assert.Equal(1, (int)second["downstreamCount"]!);
        Assert.Null(await DatasetAsync("shop.public.orders"));
    }

    [Fact]
    public async Task Sql_server_four_part_names_from_two_servers_stay_apart_and_the_copy_keeps_its_lineage()
    {
        await PostAsync(Event("mssql_copy", "11111111-0000-4000-8000-000000000003", "COMPLETE",
            Dataset("sqlserver://east.example.com:1433", "srv1.sales.dbo.orders"),
            Dataset("sqlserver://west.example.com:1433", "srv1.sales.dbo.orders")));

        var copy = await DatasetAsync("\"sqlserver://west.example.com:1433/srv1.sales\".dbo.orders");

        Assert.Equal(1, (int)copy!["upstreamCount"]!);
    }

    [Fact]
    public async Task A_bigquery_table_named_like_a_demo_table_does_not_take_it_over()
    {
        await PostAsync(Event("bq_job", "11111111-0000-4000-8000-000000000004", "COMPLETE", "",
            Dataset("bigquery", "demo.dim.accounts", Schema("only_column"))));

        var demo = await DatasetAsync("demo.dim.accounts");
        Assert.Equal("duckdb", (string?)demo!["platform"]);
        Assert.DoesNotContain(demo["columns"]!.AsArray(), c => (string?)c!["name"] == "only_column");
        var bigquery = await DatasetAsync("\"bigquery/demo\".dim.accounts");
        Assert.Equal("bigquery", (string?)bigquery!["platform"]);
    }

    [Fact]
    public async Task A_namespace_listed_on_a_connection_puts_its_tables_under_that_connection_from_every_server()
    {
        await PostAsync(Event("wh_load", "11111111-0000-4000-8000-000000000005", "COMPLETE",
            Dataset("postgres://wh-primary.example.com:5432", "wh.staging.events"),
            Dataset("postgres://wh-replica.example.com:5432", "wh.marts.daily_events")));

        var marts = await DatasetAsync("warehouse.marts.daily_events");
        Assert.Equal(1, (int)marts!["upstreamCount"]!);
        Assert.NotNull(await DatasetAsync("warehouse.staging.events"));
    }

    [Fact]
    public async Task Partitioned_paths_fold_into_one_dataset_per_table()
    {
        foreach (var (day, run) in new[] { ("2025/01/15", "6"), ("2025/01/16", "7"), ("dt=2025-01-17/hour=03", "8") })
        {
            await PostAsync(Event("events_export", $"11111111-0000-4000-8000-00000000000{run}", "COMPLETE",
                Dataset("s3://lake-bucket", $"raw/events/{day}"), Dataset("s3://lake-bucket", "curated/events_daily")));
        }

        var naming = _api.Services.GetRequiredService<OpenLineageNaming>();
        Assert.Equal(naming.ToDatasetName("s3://lake-bucket", "raw/events"), naming.ToDatasetName("s3://lake-bucket", "raw/events/2025/01/15"));
        Assert.Equal("raw", naming.ToDatasetName("s3://lake-bucket", "raw/events/dt=2025-01-17/hour=03").Schema);
        Assert.Equal("part-0001.parquet", naming.ToDatasetName("s3://lake-bucket", "raw/events/2025/01/15/part-0001.parquet").Table);
        var curated = await DatasetAsync(naming.ToDatasetName("s3://lake-bucket", "curated/events_daily").ToString());
        Assert.Equal(1, (int)curated!["upstreamCount"]!);
        Assert.NotNull(await DatasetAsync(naming.ToDatasetName("s3://lake-bucket", "raw/events").ToString()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_table_symlink_names_the_dataset_whichever_event_arrives_first(bool symlinkFirst)
    {
        var runId = symlinkFirst ? "22222222-0000-4000-8000-000000000001" : "22222222-0000-4000-8000-000000000002";
        var input = Dataset("s3://warehouse", "hive/raw.db/clicks", Schema("user_id", "url"));
        var bare = Dataset("s3://warehouse", "hive/curated.db/sessions");
        var linked = Dataset("s3://warehouse", "hive/curated.db/sessions", Schema("user_id", "pages") + "," + TableSymlink("hive://metastore:9083", "curated.sessions"));
        var start = Event("sessions_job", runId, "START", input, symlinkFirst ? linked : bare);
        var complete = Event("sessions_job", runId, "COMPLETE", input, symlinkFirst ? bare : linked);

        await PostAsync(start);
        await PostAsync(complete);

        var table = await DatasetAsync("\"hive://metastore:9083\".curated.sessions");
        Assert.NotNull(table);
        Assert.False((bool)table["removed"]!);
        Assert.Equal(1, (int)table["upstreamCount"]!);
        Assert.Equal(["user_id", "pages"], table["columns"]!.AsArray().Select(c => (string?)c!["name"]));
        var naming = _api.Services.GetRequiredService<OpenLineageNaming>();
        var pathNamed = await DatasetAsync(naming.ToDatasetName("s3://warehouse", "hive/curated.db/sessions").ToString());
        Assert.True(pathNamed is null || (bool)pathNamed["removed"]!);

        // The old location still leads to the table, for Marquez clients too.
        using var client = _api.CreateClient();
        var (status, graph) = await LineageTestData.GetJsonAsync(client, "/api/v1/lineage?depth=1&nodeId=" + Uri.EscapeDataString("dataset:s3://warehouse:hive/curated.db/sessions"));
        Assert.Equal(200, status);
        Assert.Contains(graph!["graph"]!.AsArray(), n => (string?)n!["type"] == "JOB" && ((string?)n["id"])!.EndsWith("sessions_job", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_demo_dataset_shown_to_marquez_clients_maps_back_to_itself()
    {
        var naming = _api.Services.GetRequiredService<OpenLineageNaming>();

        Assert.Equal("demo.dim.accounts", naming.ToDatasetName("duckdb://demo", "demo.dim.accounts").ToString());
        Assert.Equal("postgres://shop:5432/demo", naming.ToDatasetName("postgres://shop:5432", "demo.dim.accounts").Catalog);
    }
}
