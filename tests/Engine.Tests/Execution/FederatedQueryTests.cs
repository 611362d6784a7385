using DuckDB.NET.Data;
using TownLake.Engine.Connectors;
using TownLake.Engine.Execution;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Tests.Connectors;
using TownLake.TestSupport;

namespace TownLake.Engine.Tests.Execution;

[Collection(PostgresCollection.Name)]
public sealed class FederatedQueryTests(PostgresFixture fixture) : IAsyncLifetime
{
    private readonly TestFiles _files = new();
    private readonly QueryRunner _runner = new([new DuckDbFederatedEngine()]);

    public Task InitializeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task Join_of_parquet_facts_with_postgres_dimension_equals_duckdb_on_the_same_data()
    {
        var connections = await CreateSourcesAsync();
        const string federated = """
            SELECT c.region, c.name, count(*) AS orders, sum(f.amount) AS total
            FROM lake.fct.billings f
            JOIN shop.public.customers c ON c.id = f.customer_id
            WHERE c.region = 'EU' AND f.amount > 10 AND c.joined_on >= DATE '2024-01-10' AND c.credit > 5.5 AND c.vip = false
            GROUP BY ALL
            ORDER BY total DESC, c.name
            """;

        var status = await _runner.RunAsync(new QueryRequest(federated, connections));
        Assert.True(status.State == QueryState.Succeeded, status.Error?.Message);
        var actual = (await _runner.FetchAsync(status.Id, 0, 10_000))!.Rows;

        // Ground truth: DuckDB alone, with the dimension built from the same generator as the PostgreSQL table.
        var expected = new List<object?[]>();
        using (var duck = new DuckDBConnection("DataSource=:memory:"))
        {
            duck.Open();
            using var command = duck.CreateCommand();
            command.CommandText = $"""
                CREATE TABLE customers AS {CustomersSelect};
                SELECT c.region, c.name, count(*) AS orders, sum(f.amount) AS total
                FROM read_parquet('{Path.Combine(_files.Root, "lake", "fct", "billings", "**", "*.parquet")}', hive_partitioning = true) f
                JOIN customers c ON c.id = f.customer_id
                WHERE c.region = 'EU' AND f.amount > 10 AND c.joined_on >= DATE '2024-01-10' AND c.credit > 5.5 AND c.vip = false
                GROUP BY ALL
                ORDER BY total DESC, c.name
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                reader.GetValues(row!);
                expected.Add(row);
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [SkippableFact]
    public async Task Postgres_types_keys_and_nulls_survive_the_copy()
    {
        var connections = await CreateSourcesAsync();

        var status = await _runner.RunAsync(new QueryRequest(
            "SELECT id, name, region, credit, joined_on, vip FROM shop.public.customers WHERE id IN (1, 3) ORDER BY id", connections));

        Assert.True(status.State == QueryState.Succeeded, status.Error?.Message);
        Assert.Equal(["INTEGER", "VARCHAR", "VARCHAR", "DECIMAL(12,2)", "DATE", "BOOLEAN"], status.Columns!.Select(c => c.Type));
        var rows = (await _runner.FetchAsync(status.Id, 0, 10))!.Rows;
        Assert.Equal(new object?[] { 1, "c1", "US", 1.25m, new DateOnly(2024, 1, 2), false }, rows[0]);
        Assert.Equal(new object?[] { 3, "c3", null, 3.75m, new DateOnly(2024, 1, 4), false }, rows[1]);
    }

    [SkippableFact]
    public async Task Unknown_postgres_table_is_named_in_the_error()
    {
        var connections = await CreateSourcesAsync();

        var status = await _runner.RunAsync(new QueryRequest("SELECT * FROM shop.public.nope", connections));

        Assert.Equal(QueryErrorKind.UnknownDataset, status.Error!.Kind);
        Assert.Contains("shop.public.nope", status.Error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Limit_1_over_a_big_postgres_table_copies_one_row_not_the_table()
    {
        var connections = await CreateSourcesAsync();
        var shop = connections.Single(c => c.Name == "shop").ConnectionString!;
        // Every row after the first divides by zero when PostgreSQL produces it: only a copy that stops at one row succeeds.
        await PostgresMetadataExtractorTests.ExecuteAsync(shop, """
            CREATE VIEW big AS SELECT g AS id, 1 / (CASE WHEN g = 1 THEN 1 ELSE 0 END) AS probe FROM generate_series(1, 2000000) g;
            """);

        var status = await _runner.RunAsync(new QueryRequest("SELECT * FROM shop.public.big LIMIT 1", connections));

        // Success itself is the proof (no wall-clock bound to flake on a loaded machine): copying a second row would have failed.
        Assert.True(status.State == QueryState.Succeeded, status.Error?.Message);
        Assert.Equal(1, status.RowCount);
        var ordered = await _runner.RunAsync(new QueryRequest("SELECT * FROM shop.public.big ORDER BY id LIMIT 1", connections));
        Assert.Contains("division by zero", ordered.Error!.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_postgres_table_the_catalog_does_not_list_cannot_be_queried()
    {
        var connections = await CreateSourcesAsync();
        var request = new QueryRequest("SELECT * FROM shop.public.customers", connections)
        {
            IsQueryable = (name, _) => Task.FromResult(name != "shop.public.customers"),
        };

        var status = await _runner.RunAsync(request);

        Assert.Equal(QueryErrorKind.UnknownDataset, status.Error!.Kind);
        Assert.Contains("'shop.public.customers'", status.Error.Message, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        await _runner.DisposeAsync();
        _files.Dispose();
    }

    private const string CustomersSelect = """
        SELECT range::INTEGER AS id, 'c' || range AS name,
               CASE WHEN range % 3 = 0 THEN NULL WHEN range % 2 = 0 THEN 'EU' ELSE 'US' END AS region,
               (range * 1.25)::DECIMAL(12,2) AS credit, DATE '2024-01-01' + range::INTEGER AS joined_on, range % 10 = 0 AS vip
        FROM range(1, 201)
        """;

    private async Task<List<ConnectionSettings>> CreateSourcesAsync()
    {
        var server = fixture.RequireServer();
        var connectionString = await server.CreateDatabaseAsync("federated");
        await PostgresMetadataExtractorTests.ExecuteAsync(connectionString, """
            CREATE TABLE customers (id int PRIMARY KEY, name varchar(40) NOT NULL, region text, credit numeric(12,2), joined_on date, vip boolean, notes jsonb);
            INSERT INTO customers
            SELECT g, 'c' || g,
                   CASE WHEN g % 3 = 0 THEN NULL WHEN g % 2 = 0 THEN 'EU' ELSE 'US' END,
                   g * 1.25, DATE '2024-01-01' + g, g % 10 = 0, '{"a": 1}'
            FROM generate_series(1, 200) g;
            """);
        foreach (var month in new[] { "01", "02", "03" })
        {
            _files.Parquet($"lake/fct/billings/year=2024/month={month}/data.parquet",
                $"SELECT range AS id, (range * 7 + {month}) % 250 AS customer_id, (range % 50) * 1.5 + {month} AS amount FROM range(3000)");
        }

        return
        [
            ConnectionSettings.Create("lake", "files", [new("Path", Path.Combine(_files.Root, "lake"))]),
            ConnectionSettings.Create("shop", "postgres", [new("ConnectionString", connectionString)]),
        ];
    }
}
