using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.Files;

namespace TownLake.Engine.Tests.Connectors;

public sealed class FileMetadataExtractorTests : IDisposable
{
    private readonly TestFiles _files = new();

    [Fact]
    public async Task Parquet_footers_give_row_counts_row_groups_and_sizes()
    {
        _files.Parquet("customers.parquet", "SELECT range AS id, 'c' || range AS name FROM range(1234)");
        var path = _files.PathOf("events.parquet");
        TestFiles.DuckDb($"COPY (SELECT range AS id FROM range(50000)) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 10000)");

        var catalog = await ExtractAsync();

        var customers = catalog.Tables.Single(t => t.Name == "customers");
        Assert.Equal(("main", TableKind.Files, 1234L), (customers.Schema, customers.Kind, customers.RowCount!.Value));
        Assert.Equal(["id", "name"], customers.Columns.Select(c => c.Name));
        Assert.Equal(["BIGINT", "VARCHAR"], customers.Columns.Select(c => c.NativeType));
        Assert.Equal(new FileInfo(Path.Combine(_files.Root, "customers.parquet")).Length, customers.SizeBytes);
        var events = catalog.Tables.Single(t => t.Name == "events");
        Assert.Equal(50000, events.RowCount);
        Assert.True(events.Files!.RowGroupCount > 1);
        Assert.Equal(RowGroupsPerDuckDb(path), events.Files.RowGroupCount);
    }

    [Fact]
    public async Task Hive_partitioned_directory_is_one_dataset_with_partition_columns()
    {
        foreach (var (year, month, rows) in new[] { (2023, "12", 10), (2024, "01", 20), (2024, "02", 30) })
        {
            _files.Parquet($"billings/year={year}/month={month}/part-0.parquet", $"SELECT range AS id, range * 2.5 AS amount FROM range({rows})");
        }

        var catalog = await ExtractAsync();

        var billings = Assert.Single(catalog.Tables);
        Assert.Equal(("main", "billings"), (billings.Schema, billings.Name));
        Assert.Equal(60, billings.RowCount);
        Assert.Equal(3, billings.Files!.FileCount);
        Assert.Equal(["year", "month"], billings.Files.PartitionColumns);
        Assert.Equal(["id", "amount"], billings.Columns.Take(2).Select(c => c.Name));
        Assert.Equal(["month", "year"], billings.Columns.Where(c => c.IsPartitionKey).Select(c => c.Name).Order());
    }

    [Fact]
    public async Task Subdirectories_are_schemas_and_csv_is_described_by_duckdb()
    {
        _files.Csv("crm/contacts.csv", "SELECT range AS id, 'x' || range AS email, DATE '2024-01-01' + range::int AS since FROM range(42)");
        _files.Parquet("crm/accounts/part-1.parquet", "SELECT range AS id FROM range(3)");
        _files.Parquet("crm/accounts/part-2.parquet", "SELECT range + 3 AS id FROM range(4)");

        var catalog = await ExtractAsync();

        Assert.Equal(["crm"], catalog.Schemas.Select(s => s.Name));
        var contacts = catalog.Tables.Single(t => t.Name == "contacts");
        Assert.Equal(("crm", "csv", 42L), (contacts.Schema, contacts.Files!.Format, contacts.RowCount!.Value));
        Assert.Equal(["BIGINT", "VARCHAR", "DATE"], contacts.Columns.Select(c => c.NativeType));
        var accounts = catalog.Tables.Single(t => t.Name == "accounts");
        Assert.Equal((7L, 2), (accounts.RowCount!.Value, accounts.Files!.FileCount));
    }

    [Fact]
    public async Task Unreadable_file_becomes_a_warning_not_a_failure()
    {
        _files.Parquet("good.parquet", "SELECT 1 AS id");
        await File.WriteAllTextAsync(_files.PathOf("broken.parquet"), "not parquet at all");

        var catalog = await ExtractAsync();

        Assert.Equal(["good"], catalog.Tables.Select(t => t.Name));
        Assert.Contains(catalog.Warnings, w => w.Contains("broken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_directory_is_a_clear_error()
    {
        var connection = ConnectionSettings.Create("lake", "files", [new("Path", Path.Combine(_files.Root, "nope"))]);

        var error = await Assert.ThrowsAsync<MetadataExtractionException>(() =>
            new FileMetadataExtractor().ExtractAsync(connection, null, CancellationToken.None));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();

    private static long RowGroupsPerDuckDb(string path)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{path}')";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private Task<ExtractedCatalog> ExtractAsync() =>
        new FileMetadataExtractor().ExtractAsync(
            ConnectionSettings.Create("lake", "files", [new("Path", _files.Root)]), null, CancellationToken.None);
}
