using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.Trino;

namespace TownLake.Engine.Tests.Connectors.Trino;

public sealed class TrinoMetadataExtractorTests : TrinoServerTestBase
{

    private ConnectionSettings Warehouse(string catalog) => ConnectionSettings.Create(
        "warehouse", "trino",
        new Dictionary<string, string> { ["Url"] = Server.BaseUri.AbsoluteUri, ["Catalog"] = catalog, ["User"] = "catalog-bot" });

    private void RespondWithPostgresCatalog() => Server
        .Respond("information_schema.schemata", "metadata-schemata.json")
        .Respond("information_schema.tables", "metadata-tables.json")
        .Respond("information_schema.views", "metadata-views.json")
        .Respond("system.metadata.table_comments", "metadata-table-comments.json")
        .Respond("information_schema.columns", "metadata-columns.json");

    [Fact]
    public async Task Extraction_reads_schemas_tables_views_columns_and_comments()
    {
        RespondWithPostgresCatalog();
        var progress = new List<ExtractionProgress>();

        var catalog = await new TrinoMetadataExtractor(Http).ExtractAsync(
            Warehouse("postgresql"), new SynchronousProgress(progress), default);

        Assert.Equal("warehouse", catalog.ConnectionName);
        Assert.Equal(ConnectionType.Trino, catalog.Type);
        Assert.Equal(["public", "sales"], catalog.Schemas.Select(s => s.Name));
        Assert.Equal(["big_orders", "customers", "orders"], catalog.Tables.Select(t => t.Name));
        Assert.Empty(catalog.Warnings);

        var orders = catalog.Tables.Single(t => t.Name == "orders");
        Assert.Equal("warehouse.sales.orders", orders.QualifiedName(catalog.ConnectionName));
        Assert.Equal(TableKind.Table, orders.Kind);
        Assert.Equal("One row per order, written by the shop", orders.Comment);
        Assert.Equal(["id", "customer_id", "amount", "ordered_at"], orders.Columns.Select(c => c.Name));
        Assert.Equal([1, 2, 3, 4], orders.Columns.Select(c => c.Ordinal));
        Assert.Equal("decimal(12,2)", orders.Columns[2].NativeType);
        Assert.False(orders.Columns[0].IsNullable);
        Assert.True(orders.Columns[2].IsNullable);
        Assert.Equal("Order number", orders.Columns[0].Comment);

        var view = catalog.Tables.Single(t => t.Name == "big_orders");
        Assert.Equal(TableKind.View, view.Kind);
        Assert.StartsWith("SELECT o.id, o.amount FROM postgresql.sales.orders", view.ViewSql, StringComparison.Ordinal);
        Assert.Equal(["id", "amount"], view.Columns.Select(c => c.Name));

        Assert.Equal(5, progress[^1].Completed);
    }

    [Fact]
    public async Task Extraction_asks_a_fixed_number_of_set_based_queries_as_the_service_user()
    {
        RespondWithPostgresCatalog();

        await new TrinoMetadataExtractor(Http).ExtractAsync(Warehouse("postgresql"), null, default);

        // One query per kind of object for the whole catalog, never one per table.
        var posts = Server.Posts;
        Assert.Equal(5, posts.Count);
        Assert.All(posts, p => Assert.Equal("catalog-bot", p.Header("X-Trino-User")));
        Assert.Contains(posts, p => p.Body!.Contains("FROM \"postgresql\".information_schema.columns", StringComparison.Ordinal));
        Assert.Contains(posts, p => p.Body!.Contains("catalog_name = 'postgresql'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Catalog_names_are_quoted_so_they_cannot_inject_sql()
    {
        RespondWithPostgresCatalog();

        await new TrinoMetadataExtractor(Http).ExtractAsync(Warehouse("we\"ird'cat"), null, default);

        Assert.Contains(Server.Posts, p => p.Body!.Contains("FROM \"we\"\"ird'cat\".information_schema.tables", StringComparison.Ordinal));
        Assert.Contains(Server.Posts, p => p.Body!.Contains("catalog_name = 'we\"ird''cat'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_catalog_trino_does_not_have_is_a_settings_error_naming_the_setting()
    {
        Server.Respond("information_schema", "catalog-not-found.json");

        var error = await Assert.ThrowsAsync<ConnectionSettingsException>(
            () => new TrinoMetadataExtractor(Http).ExtractAsync(Warehouse("nosuch"), null, default));

        Assert.Contains("'Catalog'", error.Message, StringComparison.Ordinal);
        Assert.Contains("nosuch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_optional_listing_becomes_a_warning_and_the_rest_is_returned()
    {
        Server
            .Respond("information_schema.schemata", "metadata-schemata.json")
            .Respond("information_schema.tables", "metadata-tables.json")
            .Respond("information_schema.views", "table-not-found.json")
            .Respond("system.metadata.table_comments", "metadata-table-comments.json")
            .Respond("information_schema.columns", "metadata-columns.json");

        var catalog = await new TrinoMetadataExtractor(Http).ExtractAsync(Warehouse("postgresql"), null, default);

        Assert.Equal(3, catalog.Tables.Count);
        Assert.Contains("view definitions", Assert.Single(catalog.Warnings), StringComparison.Ordinal);
        Assert.Equal(TableKind.View, catalog.Tables.Single(t => t.Name == "big_orders").Kind);
    }

    [Fact]
    public async Task Connection_of_another_type_is_refused()
    {
        var shop = ConnectionSettings.Create("shop", "postgres", new Dictionary<string, string> { ["ConnectionString"] = "Host=db" });

        await Assert.ThrowsAsync<ConnectionSettingsException>(() => new TrinoMetadataExtractor(Http).ExtractAsync(shop, null, default));
    }

    private sealed class SynchronousProgress(List<ExtractionProgress> sink) : IProgress<ExtractionProgress>
    {
        public void Report(ExtractionProgress value) => sink.Add(value);
    }
}
