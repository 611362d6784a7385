using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Lineage.OpenLineage;
using TownLake.Catalog.Lineage.Runs;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.Postgres;
using TownLake.Catalog.Stores.Sqlite;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Lineage;

/// <summary>
/// A catalog that naming before identity-per-namespace left with two servers' <c>shop.public.orders</c> merged into one
/// dataset: on start, migration 122's data migration splits it from the stored events, on both stores — each server's
/// table gets its own dataset with its own schema, edges and runs, the old primary name keeps the curation.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MergedDatasetSplitTests(PostgresFixture postgres)
{
    private const string Main = "postgres://db.example.com:5432";
    private const string Other = "postgres://other-db.example.com:5432";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string Merged = Urn.Dataset(DatasetName.Parse("shop.public.orders"));
    private static readonly string MainOrders = Urn.Dataset(new DatasetName(Main + "/shop", "public", "orders"));
    private static readonly string OtherOrders = Urn.Dataset(new DatasetName(Other + "/shop", "public", "orders"));

    [Fact]
    public async Task Datasets_merged_before_identity_per_namespace_are_split_on_start_on_sqlite()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-split-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        try
        {
            await SeedPreChangeStateAsync(new SqliteCatalogStore(Path.Combine(dataDirectory, "catalog.db"), new CatalogChangeFeed(), TimeProvider.System));
            SqliteConnection.ClearAllPools();
            await using var api = new CatalogApiFactory(dataDirectory);
            await AssertSplitAsync(api);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Datasets_merged_before_identity_per_namespace_are_split_on_start_on_postgres()
    {
        var connectionString = await postgres.RequireServer().CreateDatabaseAsync("split");
        await using (var store = new PostgresCatalogStore(connectionString, new CatalogChangeFeed(), TimeProvider.System))
        {
            await SeedPreChangeStateAsync(store);
        }

        await using var api = new CatalogApiFactory(settings: new Dictionary<string, string?> { ["TownLake:Store"] = "postgres", ["TownLake:PostgresConnectionString"] = connectionString });
        await AssertSplitAsync(api);
    }

    /// <summary>What the older naming left: one dataset for both servers' orders (the second schema dropped), both names leading to it.</summary>
    private static async Task SeedPreChangeStateAsync(RelationalCatalogStore store)
    {
        await store.InitializeAsync(None);
        IEntityStore entities = store;
        await entities.SaveAsync<Dataset>(Merged, _ => Table("shop.public.orders", ("order_id", "BIGINT"), ("amount", "DECIMAL(12,2)"), ("placed_at", "TIMESTAMP")) with
        {
            EditedDescription = "Orders of the main shop",
            Tags = ["finance"],
        }, "seed", None);
        foreach (var name in new[] { "shop.public.raw_orders", "shop.public.staging_orders", "shop.public.orders_report" })
        {
            await entities.SaveAsync<Dataset>(Urn.Dataset(DatasetName.Parse(name)), _ => Table(name, ("id", "BIGINT")), "seed", None);
        }

        IDatasetAliasStore aliases = store;
        await aliases.SaveDatasetAliasesAsync(
        [
            new DatasetAlias(Main, "shop.public.orders", Merged, true),
            new DatasetAlias(Other, "shop.public.orders", Merged, true),
            new DatasetAlias(Main, "shop.public.raw_orders", Urn.Dataset(DatasetName.Parse("shop.public.raw_orders")), true),
            new DatasetAlias(Other, "shop.public.staging_orders", Urn.Dataset(DatasetName.Parse("shop.public.staging_orders")), true),
            new DatasetAlias(Other, "shop.public.orders_report", Urn.Dataset(DatasetName.Parse("shop.public.orders_report")), true),
        ], None);

        ILineageStore lineage = store;
        await lineage.ReplaceLineageAsync(Merged, OpenLineageIngestor.Origin, Urn.Job("etl", "load_orders_main"),
            [Edge("shop.public.raw_orders", "shop.public.orders"), Edge("shop.public.raw_orders", "shop.public.orders", "amount", "amount")], None);
        await lineage.ReplaceLineageAsync(Merged, OpenLineageIngestor.Origin, Urn.Job("etl", "load_orders_copy"), [Edge("shop.public.staging_orders", "shop.public.orders")], None);
        await lineage.ReplaceLineageAsync(Urn.Dataset(DatasetName.Parse("shop.public.orders_report")), OpenLineageIngestor.Origin, Urn.Job("etl", "orders_report"),
            [Edge("shop.public.orders", "shop.public.orders_report")], None);

        ILineageRunStore runs = store;
        var at = DateTimeOffset.Parse("2026-11-01T12:00:00Z");
        await runs.SaveRunAsync("run-report", _ => new JobRun
        {
            RunId = "run-report", JobUrn = Urn.Job("etl", "orders_report"), State = "COMPLETED", CreatedAt = at, UpdatedAt = at, EndedAt = at,
            Transitions = [new RunTransition("COMPLETED", "COMPLETE", at)],
            Inputs = [new RunDataset(Merged, Other, "shop.public.orders", null)],
            Outputs = [new RunDataset(Urn.Dataset(DatasetName.Parse("shop.public.orders_report")), Other, "shop.public.orders_report", null)],
        }, None);

        ILineageEventLog log = store;
        foreach (var payload in Events())
        {
            var parsed = OpenLineageEventReader.Read(JsonNode.Parse(payload), DateTimeOffset.UtcNow);
            var job = Urn.Job(parsed.Job.Namespace, parsed.Job.Name);
            Assert.True(await log.RecordLineageEventAsync(new StoredLineageEvent($"{parsed.RunId}|{parsed.EventType}|{job}", parsed.RunId, parsed.EventType, job,
                parsed.EventTime, OpenLineageEventReader.Hash(payload), payload), None));
        }
    }

    private static async Task AssertSplitAsync(CatalogApiFactory api)
    {
        const string Query = """
            query($m: ID!, $a: ID!, $b: ID!) {
              merged: dataset(urn: $m) { removed }
              main: dataset(urn: $a) { description tags { name } columns { name type } }
              other: dataset(urn: $b) { description columns { name type } }
              mainLineage: lineage(urn: $a, depth: 1, columns: true) { edges { upstream downstream upstreamColumn downstreamColumn } }
              otherLineage: lineage(urn: $b, depth: 1) { edges { upstream downstream } }
              run(id: "run-report") { inputs { datasetUrn namespace } }
            }
            """;
        var variables = new { m = Merged, a = MainOrders, b = OtherOrders };
        // The split runs in the background after start: until it ends, the second server's dataset does not exist yet.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        const string Removed = "query($m: ID!) { dataset(urn: $m) { removed } }";
        var merged = await api.DataAsync(Removed, new { m = Merged });
        while (merged["dataset"]?["removed"]?.GetValue<bool>() != true && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            merged = await api.DataAsync(Removed, new { m = Merged });
        }

        var data = await api.DataAsync(Query, variables);
        Assert.True(data["merged"]!["removed"]!.GetValue<bool>(), "the merged dataset was not split: " + data.ToJsonString());
        Assert.Equal(["order_id:BIGINT", "amount:DECIMAL(12,2)", "placed_at:TIMESTAMP"], Columns(data["main"]!));
        Assert.Equal(["order_id:BIGINT", "total_cents:INTEGER"], Columns(data["other"]!));
        Assert.Equal("Orders of the main shop", (string?)data["main"]!["description"]);
        Assert.Null((string?)data["other"]!["description"]);

        var raw = Urn.Dataset(DatasetName.Parse("shop.public.raw_orders"));
        var staging = Urn.Dataset(DatasetName.Parse("shop.public.staging_orders"));
        var report = Urn.Dataset(DatasetName.Parse("shop.public.orders_report"));
        Assert.Equal(new[] { $"{raw}.->{MainOrders}.", $"{raw}.amount->{MainOrders}.amount" }.Order(StringComparer.Ordinal), Edges(data["mainLineage"]!));
        Assert.Equal(new[] { $"{staging}.->{OtherOrders}.", $"{OtherOrders}.->{report}." }.Order(StringComparer.Ordinal), Edges(data["otherLineage"]!));
        Assert.Equal(OtherOrders, (string?)data["run"]!["inputs"]!.AsArray().Single()!["datasetUrn"]);

        var mergedLineage = await api.DataAsync("query($m: ID!) { lineage(urn: $m, depth: 1) { edges { upstream } } }", new { m = Merged });
        Assert.Empty(mergedLineage["lineage"]!["edges"]!.AsArray());

        // The split is done once: the next event for the other server lands on its own dataset without anything merging again.
        using var client = api.CreateClient();
        var (status, _) = await LineageTestData.PostJsonAsync(client, "/api/v1/lineage", Event("run-copy-2", "load_orders_copy", "2026-11-02T10:00:00Z",
            Other, "shop.public.staging_orders", Other, "shop.public.orders", """[{"name":"order_id","type":"BIGINT"},{"name":"total_cents","type":"INTEGER"}]"""));
        Assert.Equal(201, status);
        var after = await api.DataAsync("query($m: ID!) { merged: dataset(urn: $m) { removed } }", new { m = Merged });
        Assert.True(after["merged"]!["removed"]!.GetValue<bool>());
    }

    private static string[] Columns(JsonNode dataset) => [.. dataset["columns"]!.AsArray().Select(c => $"{c!["name"]}:{c["type"]}")];

    private static string[] Edges(JsonNode lineage) =>
        [.. lineage["edges"]!.AsArray().Select(e => $"{e!["upstream"]}.{e["upstreamColumn"]}->{e["downstream"]}.{e["downstreamColumn"]}").Order(StringComparer.Ordinal)];

    private static Dataset Table(string name, params (string Name, string Type)[] columns) => Dataset.Create(DatasetName.Parse(name), DateTimeOffset.UnixEpoch) with
    {
        Platform = "postgres",
        Columns = [.. columns.Select((c, i) => new SchemaField { Name = c.Name, NativeType = c.Type, Ordinal = i + 1 })],
    };

    private static LineageEdge Edge(string up, string down, string upColumn = "", string downColumn = "") => new()
    {
        UpstreamUrn = Urn.Dataset(DatasetName.Parse(up)),
        DownstreamUrn = Urn.Dataset(DatasetName.Parse(down)),
        UpstreamColumn = upColumn,
        DownstreamColumn = downColumn,
        Origin = OpenLineageIngestor.Origin,
    };

    private static IEnumerable<string> Events() =>
    [
        Event("run-main", "load_orders_main", "2026-11-01T10:00:00Z", Main, "shop.public.raw_orders", Main, "shop.public.orders",
            """[{"name":"order_id","type":"BIGINT"},{"name":"amount","type":"DECIMAL(12,2)"},{"name":"placed_at","type":"TIMESTAMP"}]""",
            """{"fields":{"amount":{"inputFields":[{"namespace":"postgres://db.example.com:5432","name":"shop.public.raw_orders","field":"amount"}]}}}"""),
        Event("run-copy", "load_orders_copy", "2026-11-01T11:00:00Z", Other, "shop.public.staging_orders", Other, "shop.public.orders",
            """[{"name":"order_id","type":"BIGINT"},{"name":"total_cents","type":"INTEGER"}]"""),
        Event("run-report", "orders_report", "2026-11-01T12:00:00Z", Other, "shop.public.orders", Other, "shop.public.orders_report",
            """[{"name":"id","type":"BIGINT"}]"""),
    ];

    private static string Event(string runId, string job, string at, string inputNamespace, string input, string outputNamespace, string output, string outputSchema, string? columnLineage = null)
    {
        var facets = "{\"schema\":{\"fields\":" + outputSchema + "}" + (columnLineage is null ? "" : ",\"columnLineage\":" + columnLineage) + "}";
        return $$"""
            {"eventType":"COMPLETE","eventTime":"{{at}}","producer":"https://example.com/test","run":{"runId":"{{runId}}"},
             "job":{"namespace":"etl","name":"{{job}}"},
             "inputs":[{"namespace":"{{inputNamespace}}","name":"{{input}}"}],
             "outputs":[{"namespace":"{{outputNamespace}}","name":"{{output}}","facets":{{facets}}}]}
            """;
    }
}
