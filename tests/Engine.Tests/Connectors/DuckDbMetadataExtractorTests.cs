using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.DuckDb;

namespace TownLake.Engine.Tests.Connectors;

public sealed class DuckDbMetadataExtractorTests : IDisposable
{
    private readonly TestFiles _files = new();

    [Fact]
    public async Task Extracts_tables_views_keys_comments_and_row_counts_from_a_database_file()
    {
        var path = _files.PathOf("warehouse.duckdb");
        TestFiles.DuckDb(
            $"ATTACH '{path}' AS w",
            "USE w",
            "CREATE SCHEMA fct",
            "CREATE TABLE fct.customers (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL)",
            "CREATE TABLE fct.billings (id BIGINT, customer_id INTEGER REFERENCES fct.customers(id), amount DECIMAL(18,2))",
            "COMMENT ON TABLE fct.billings IS 'Allocated billings'",
            "COMMENT ON COLUMN fct.billings.amount IS 'In EUR'",
            "INSERT INTO fct.customers SELECT range, 'c' || range FROM range(10)",
            "INSERT INTO fct.billings SELECT range, range % 10, range FROM range(250)",
            "CREATE VIEW fct.top_billings AS SELECT * FROM fct.billings WHERE amount > 100");

        var catalog = await new DuckDbMetadataExtractor().ExtractAsync(
            ConnectionSettings.Create("demo", "duckdb", [new("Path", path)]), null, CancellationToken.None);

        Assert.Contains(catalog.Schemas, s => s.Name == "fct");
        var billings = catalog.Tables.Single(t => t.Name == "billings");
        Assert.Equal(("fct", TableKind.Table, "Allocated billings", 250L), (billings.Schema, billings.Kind, billings.Comment, billings.RowCount!.Value));
        Assert.Equal(["BIGINT", "INTEGER", "DECIMAL(18,2)"], billings.Columns.Select(c => c.NativeType));
        Assert.Equal("In EUR", billings.Columns[2].Comment);
        var foreignKey = Assert.Single(billings.ForeignKeys);
        Assert.Equal(["customer_id"], foreignKey.Columns);
        Assert.Equal(("fct", "customers"), (foreignKey.ReferencedSchema, foreignKey.ReferencedTable));
        Assert.Equal(["id"], foreignKey.ReferencedColumns);
        var customers = catalog.Tables.Single(t => t.Name == "customers");
        Assert.Equal(["id"], customers.PrimaryKey);
        Assert.False(customers.Columns[1].IsNullable);
        var view = catalog.Tables.Single(t => t.Name == "top_billings");
        Assert.Equal(TableKind.View, view.Kind);
        Assert.Contains("amount > 100", view.ViewSql, StringComparison.Ordinal);
        Assert.Equal(3, view.Columns.Count);
    }

    [Fact]
    public async Task Missing_database_file_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<MetadataExtractionException>(() => new DuckDbMetadataExtractor().ExtractAsync(
            ConnectionSettings.Create("demo", "duckdb", [new("Path", _files.PathOf("missing.duckdb"))]), null, CancellationToken.None));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
