using DuckDB.NET.Data;

namespace TownLake.Catalog.Tests.Connections;

/// <summary>A directory of real Parquet and CSV files (written by DuckDB) as connection <c>lake</c>: ingested and queried.</summary>
public sealed class FileIngestionTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "townlake-lake-" + Guid.NewGuid().ToString("N"));
    private CatalogApiFactory _api = null!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "sales"));
        using (var duck = new DuckDBConnection("DataSource=:memory:"))
        {
            duck.Open();
            using var command = duck.CreateCommand();
            command.CommandText = $"""
                COPY (SELECT i AS order_id, 'sku-' || (i % 7) AS sku, i * 1.5 AS amount FROM range(1, 1001) t(i)) TO '{Path.Combine(_root, "sales", "orders.parquet")}' (FORMAT parquet);
                COPY (SELECT 'sku-' || i AS sku, 'Product ' || i AS product_name FROM range(0, 7) t(i)) TO '{Path.Combine(_root, "products.csv")}' (FORMAT csv, HEADER);
                """;
            command.ExecuteNonQuery();
        }

        _api = new CatalogApiFactory(settings: new Dictionary<string, string?>
        {
            ["TownLake:Connections:lake:Type"] = "files",
            // Opened on purpose: these tests are about ingestion and querying files, not review (governance has its own).
            ["TownLake:Governance:OpenConnections"] = "lake",
            ["TownLake:Connections:lake:Path"] = _root,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Parquet_and_CSV_files_become_datasets_that_can_be_queried_together()
    {
        var summary = (await _api.DataAsync("mutation { ingestConnection(name: \"lake\") { added columns } }"))["ingestConnection"]!;
        var orders = (await _api.DataAsync("{ dataset(name: \"lake.sales.orders\") { platform kind rowCount columns { name type } customProperties { key value } } }"))["dataset"]!;
        var products = (await _api.DataAsync("{ dataset(name: \"lake.main.products\") { platform rowCount } }"))["dataset"]!;
        var run = await QueryFront.QueryApiClient.RunAsync(_api, """
            SELECT p.product_name, count(*) AS orders, sum(o.amount) AS amount
            FROM lake.sales.orders o JOIN lake.main.products p ON p.sku = o.sku
            GROUP BY p.product_name ORDER BY p.product_name
            """);
        var (_, rows) = await QueryFront.QueryApiClient.AllRowsAsync(_api, run["id"]!.GetValue<string>());

        Assert.Equal(2, summary["added"]!.GetValue<int>());
        Assert.Equal(5, summary["columns"]!.GetValue<int>());
        Assert.Equal("parquet", orders["platform"]!.GetValue<string>());
        Assert.Equal("FILE", orders["kind"]!.GetValue<string>());
        Assert.Equal(1000, orders["rowCount"]!.GetValue<long>());
        Assert.Equal(["order_id", "sku", "amount"], orders["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Contains(orders["customProperties"]!.AsArray(), p => p!["key"]!.GetValue<string>() == "format" && p["value"]!.GetValue<string>() == "parquet");
        Assert.Equal("csv", products["platform"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", run["state"]!.GetValue<string>());
        Assert.Equal(7, rows.Count);
        Assert.Equal(1000, rows.Sum(r => System.Text.Json.Nodes.JsonNode.Parse(r)![1]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_deleted_file_is_soft_deleted_on_the_next_ingestion()
    {
        await _api.DataAsync("mutation { ingestConnection(name: \"lake\") { added } }");
        File.Delete(Path.Combine(_root, "products.csv"));

        var summary = (await _api.DataAsync("mutation { ingestConnection(name: \"lake\") { removed unchanged } }"))["ingestConnection"]!;
        var products = (await _api.DataAsync("{ dataset(name: \"lake.main.products\") { removed } }"))["dataset"]!;

        Assert.Equal(1, summary["removed"]!.GetValue<int>());
        Assert.Equal(1, summary["unchanged"]!.GetValue<int>());
        Assert.True(products["removed"]!.GetValue<bool>());
    }
}
