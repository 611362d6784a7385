using Npgsql;
using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.Postgres;
using TownLake.TestSupport;

namespace TownLake.Engine.Tests.Connectors;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMetadataExtractorTests(PostgresFixture fixture)
{
    private const string Shop = """
        CREATE SCHEMA sales;
        COMMENT ON SCHEMA sales IS 'Orders and customers';
        CREATE TABLE sales.customers (id int PRIMARY KEY, name varchar(80) NOT NULL, region text);
        COMMENT ON TABLE sales.customers IS 'One row per customer';
        COMMENT ON COLUMN sales.customers.region IS 'Sales region code';
        CREATE TABLE sales.orders (
            order_id bigint, line_no int, customer_id int NOT NULL REFERENCES sales.customers(id),
            amount numeric(12,2), placed_at timestamptz,
            PRIMARY KEY (order_id, line_no));
        INSERT INTO sales.customers SELECT g, 'c' || g, CASE WHEN g % 2 = 0 THEN 'EU' ELSE 'US' END FROM generate_series(1, 500) g;
        INSERT INTO sales.orders SELECT g, 1, 1 + g % 500, g * 1.5, now() FROM generate_series(1, 2000) g;
        CREATE VIEW sales.big_orders AS SELECT order_id, amount FROM sales.orders WHERE amount > 100;
        ANALYZE;
        """;

    [SkippableFact]
    public async Task Extracts_tables_views_columns_keys_comments_and_row_counts()
    {
        var connection = await CreateShopAsync();

        var catalog = await new PostgresMetadataExtractor().ExtractAsync(connection, null, CancellationToken.None);

        Assert.Contains(catalog.Schemas, s => s.Name == "sales" && s.Comment == "Orders and customers");
        var customers = catalog.Tables.Single(t => t.Name == "customers");
        Assert.Equal(TableKind.Table, customers.Kind);
        Assert.Equal("One row per customer", customers.Comment);
        Assert.Equal(["id"], customers.PrimaryKey);
        Assert.Equal(500, customers.RowCount);
        Assert.True(customers.SizeBytes > 0);
        Assert.Equal(["id", "name", "region"], customers.Columns.Select(c => c.Name));
        Assert.Equal([1, 2, 3], customers.Columns.Select(c => c.Ordinal));
        var name = customers.Columns[1];
        Assert.Equal("character varying(80)", name.NativeType);
        Assert.False(name.IsNullable);
        Assert.Equal("Sales region code", customers.Columns[2].Comment);

        var orders = catalog.Tables.Single(t => t.Name == "orders");
        Assert.Equal(["order_id", "line_no"], orders.PrimaryKey);
        var foreignKey = Assert.Single(orders.ForeignKeys);
        Assert.Equal(["customer_id"], foreignKey.Columns);
        Assert.Equal(("sales", "customers"), (foreignKey.ReferencedSchema, foreignKey.ReferencedTable));
        Assert.Equal(["id"], foreignKey.ReferencedColumns);
        Assert.Equal("numeric(12,2)", orders.Columns.Single(c => c.Name == "amount").NativeType);

        var view = catalog.Tables.Single(t => t.Name == "big_orders");
        Assert.Equal(TableKind.View, view.Kind);
        Assert.Matches(@"amount > \(?100", view.ViewSql);
        Assert.Equal(["order_id", "amount"], view.Columns.Select(c => c.Name));
    }

    [SkippableFact]
    public async Task Re_extraction_shows_added_column_and_forgets_dropped_table_and_view()
    {
        var connection = await CreateShopAsync();
        var extractor = new PostgresMetadataExtractor();
        var before = await extractor.ExtractAsync(connection, null, CancellationToken.None);
        Assert.Contains(before.Tables, t => t.Name == "big_orders");

        await ExecuteAsync(connection.ConnectionString!, """
            ALTER TABLE sales.customers ADD COLUMN segment text;
            ALTER TABLE sales.customers DROP COLUMN region;
            DROP VIEW sales.big_orders;
            DROP TABLE sales.orders;
            """);
        var after = await extractor.ExtractAsync(connection, null, CancellationToken.None);

        var customers = after.Tables.Single(t => t.Name == "customers");
        Assert.Equal(["id", "name", "segment"], customers.Columns.Select(c => c.Name));
        Assert.Equal(3, customers.Columns[2].Ordinal);
        Assert.DoesNotContain(after.Tables, t => t.Name is "big_orders" or "orders");
    }

    [SkippableFact]
    public async Task Reports_progress_through_every_stage()
    {
        var connection = await CreateShopAsync();
        var stages = new List<string>();

        await new PostgresMetadataExtractor().ExtractAsync(connection, new SynchronousProgress(p => stages.Add(p.Stage)), CancellationToken.None);

        Assert.Equal(["schemas", "tables", "columns", "constraints", "done"], stages);
    }

    [Fact]
    public async Task Unreachable_server_gives_a_clear_error()
    {
        var connection = ConnectionSettings.Create("shop", "postgres",
            [new("ConnectionString", "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2")]);

        var error = await Assert.ThrowsAsync<MetadataExtractionException>(() =>
            new PostgresMetadataExtractor().ExtractAsync(connection, null, CancellationToken.None));

        Assert.Contains("'shop'", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot reach PostgreSQL", error.Message, StringComparison.Ordinal);
    }

    private async Task<ConnectionSettings> CreateShopAsync()
    {
        var server = fixture.RequireServer();
        var connectionString = await server.CreateDatabaseAsync("extract");
        await ExecuteAsync(connectionString, Shop);
        return ConnectionSettings.Create("shop", "postgres", [new("ConnectionString", connectionString)]);
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class SynchronousProgress(Action<ExtractionProgress> report) : IProgress<ExtractionProgress>
    {
        public void Report(ExtractionProgress value) => report(value);
    }
}
