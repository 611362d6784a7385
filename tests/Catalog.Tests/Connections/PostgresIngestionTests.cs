using Npgsql;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Connections;

/// <summary>A real PostgreSQL database as connection <c>shop</c>: ingested, re-ingested after changes, queried and joined with the demo.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIngestionTests(PostgresFixture fixture)
{
    private const string Ingest = "mutation { ingestConnection(name: \"shop\") { connection added changed removed unchanged columns durationMs } }";

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<(CatalogApiFactory Api, string ConnectionString)> ShopAsync()
    {
        var server = fixture.RequireServer();
        var connectionString = await server.CreateDatabaseAsync("shop");
        await ExecuteAsync(connectionString, """
            CREATE TABLE public.customers (customer_id int PRIMARY KEY, account_id int NOT NULL, name text);
            COMMENT ON TABLE public.customers IS 'Shop customers, one row each.';
            COMMENT ON COLUMN public.customers.account_id IS 'The TownLake demo account.';
            CREATE TABLE public.orders (order_id int PRIMARY KEY, customer_id int REFERENCES public.customers(customer_id), amount numeric(10,2) NOT NULL);
            CREATE VIEW public.big_orders AS SELECT o.order_id, c.name, o.amount FROM public.orders o JOIN public.customers c ON c.customer_id = o.customer_id WHERE o.amount > 100;
            INSERT INTO public.customers SELECT i, 1 + (i % 20), 'customer ' || i FROM generate_series(1, 50) i;
            INSERT INTO public.orders SELECT i, 1 + (i % 50), (i * 7 % 300)::numeric(10,2) FROM generate_series(1, 400) i;
            ANALYZE;
            """);
        var api = new CatalogApiFactory(demo: true, settings: new Dictionary<string, string?>
        {
            ["TownLake:Connections:shop:Type"] = "postgres",
            // Opened on purpose: these tests are about ingestion and federation, not review (governance has its own).
            ["TownLake:Governance:OpenConnections"] = "shop",
            ["TownLake:Connections:shop:ConnectionString"] = connectionString,
        });
        return (api, connectionString);
    }

    [SkippableFact]
    public async Task Ingesting_a_database_adds_its_tables_views_columns_and_keys()
    {
        var (api, _) = await ShopAsync();
        await using var _api = api;

        var summary = (await api.DataAsync(Ingest))["ingestConnection"]!;
        var orders = (await api.DataAsync("{ dataset(name: \"shop.public.orders\") { platform kind rowCount columns { name type nullable isPrimaryKey foreignKey { dataset column } } } }"))["dataset"]!;
        var customers = (await api.DataAsync("{ dataset(name: \"shop.public.customers\") { description column(name: \"account_id\") { description nullable } } }"))["dataset"]!;
        var view = (await api.DataAsync("{ dataset(name: \"shop.public.big_orders\") { kind viewSql upstreamCount } }"))["dataset"]!;

        Assert.Equal(3, summary["added"]!.GetValue<int>());
        Assert.Equal(9, summary["columns"]!.GetValue<int>());
        Assert.Equal("postgres", orders["platform"]!.GetValue<string>());
        Assert.Equal(400, orders["rowCount"]!.GetValue<long>());
        var orderId = orders["columns"]![0]!;
        Assert.True(orderId["isPrimaryKey"]!.GetValue<bool>());
        Assert.False(orderId["nullable"]!.GetValue<bool>());
        Assert.Equal("shop.public.customers", orders["columns"]![1]!["foreignKey"]!["dataset"]!.GetValue<string>());
        Assert.Equal("Shop customers, one row each.", customers["description"]!.GetValue<string>());
        Assert.Equal("The TownLake demo account.", customers["column"]!["description"]!.GetValue<string>());
        Assert.Equal("VIEW", view["kind"]!.GetValue<string>());
        Assert.Contains("amount > ", view["viewSql"]!.GetValue<string>());
        Assert.Equal(2, view["upstreamCount"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Re_ingesting_after_changes_adds_a_schema_version_and_soft_deletes_dropped_tables()
    {
        var (api, connectionString) = await ShopAsync();
        await using var _api = api;
        await api.DataAsync(Ingest);
        var unchanged = (await api.DataAsync(Ingest))["ingestConnection"]!;

        await ExecuteAsync(connectionString, "ALTER TABLE public.customers ADD COLUMN email text; DROP VIEW public.big_orders;");
        var changed = (await api.DataAsync(Ingest))["ingestConnection"]!;
        var customers = (await api.DataAsync("{ dataset(name: \"shop.public.customers\") { schemaVersion columns { name } history(first: 50) { actor } } }"))["dataset"]!;
        var view = (await api.DataAsync("{ dataset(name: \"shop.public.big_orders\") { removed } }"))["dataset"]!;
        var browse = (await api.DataAsync("{ datasets(filter: { catalog: \"shop\" }) { totalCount } }"))["datasets"]!;

        Assert.Equal(3, unchanged["unchanged"]!.GetValue<int>());
        Assert.Equal(0, unchanged["changed"]!.GetValue<int>());
        Assert.Equal(1, changed["changed"]!.GetValue<int>());
        Assert.Equal(1, changed["removed"]!.GetValue<int>());
        Assert.Equal(2, customers["schemaVersion"]!.GetValue<int>());
        Assert.Equal("email", customers["columns"]!.AsArray()[^1]!["name"]!.GetValue<string>());
        Assert.All(customers["history"]!.AsArray(), h => Assert.Equal("townlake-ingest", h!["actor"]!.GetValue<string>()));
        Assert.True(view["removed"]!.GetValue<bool>());
        Assert.Equal(2, browse["totalCount"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task A_postgres_table_and_a_join_with_the_demo_warehouse_can_be_queried()
    {
        var (api, connectionString) = await ShopAsync();
        await using var _api = api;
        await api.DataAsync(Ingest);

        var table = await QueryApiClientRun(api, "SELECT count(*) AS n, sum(amount) AS total FROM shop.public.orders");
        var joined = await QueryApiClientRun(api, """
            SELECT a.plan, count(*) AS customers
            FROM shop.public.customers c JOIN demo.dim.accounts a ON a.account_id = c.account_id
            GROUP BY a.plan ORDER BY a.plan
            """);

        Assert.True(table.Run["state"]!.GetValue<string>() == "SUCCEEDED", table.Run.ToJsonString());
        var expected = System.Text.Json.Nodes.JsonNode.Parse(await PostgresRowAsync(connectionString, "SELECT count(*), sum(amount) FROM public.orders"))!;
        var actual = System.Text.Json.Nodes.JsonNode.Parse(table.Rows[0])!;
        Assert.Equal(expected[0]!.GetValue<long>(), actual[0]!.GetValue<long>());
        Assert.Equal(expected[1]!.GetValue<decimal>(), actual[1]!.GetValue<decimal>());
        Assert.Equal("SUCCEEDED", joined.Run["state"]!.GetValue<string>());
        Assert.Equal(["demo.dim.accounts", "shop.public.customers"], joined.Run["datasets"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(50, joined.Rows.Sum(r => System.Text.Json.Nodes.JsonNode.Parse(r)![1]!.GetValue<int>()));
    }

    [SkippableFact]
    public async Task A_table_the_connections_role_can_see_but_nobody_ingested_cannot_be_queried()
    {
        var (api, connectionString) = await ShopAsync();
        await using var _api = api;
        await api.DataAsync(Ingest);
        await ExecuteAsync(connectionString, "CREATE TABLE public.payroll (employee text, salary int); INSERT INTO public.payroll VALUES ('ceo', 1000000);");

        var run = await QueryFront.QueryApiClient.RunAsync(api, "SELECT * FROM shop.public.payroll");
        var viaSubquery = await QueryFront.QueryApiClient.RunAsync(api, "SELECT (SELECT max(salary) FROM shop.public.payroll) AS s FROM shop.public.orders LIMIT 1");

        foreach (var attempt in new[] { run, viaSubquery })
        {
            Assert.Equal("FAILED", attempt["state"]!.GetValue<string>());
            Assert.Equal("UNKNOWN_DATASET", attempt["error"]!["kind"]!.GetValue<string>());
            Assert.Contains("'shop.public.payroll'", attempt["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(0, attempt["rowCount"]?.GetValue<long>() ?? 0);
        }
    }

    private static async Task<(System.Text.Json.Nodes.JsonNode Run, List<string> Rows)> QueryApiClientRun(CatalogApiFactory api, string sql)
    {
        var run = await QueryFront.QueryApiClient.RunAsync(api, sql);
        var (_, rows) = await QueryFront.QueryApiClient.AllRowsAsync(api, run["id"]!.GetValue<string>());
        return (run, rows);
    }

    /// <summary>PostgreSQL's own answer, as compact JSON like the API writes a row.</summary>
    private static async Task<string> PostgresRowAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var row = new object[reader.FieldCount];
        reader.GetValues(row);
        return System.Text.Json.JsonSerializer.Serialize(Catalog.QueryFront.ResultValues.Row(row));
    }
}
