using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Lineage.Sql;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.Tests.Lineage.Sql;

/// <summary>The catalog's SQL lineage call site: the caller's dialect folds names, and each output gets the statement that writes it.</summary>
public sealed class SqlLineageRecorderDialectTests : IAsyncLifetime
{
    private const string Source = "urn:tl:dataset:warehouse.web.raw_events";
    private readonly CatalogApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private const string MultiInsert = """
        FROM Web.Raw_Events e
        INSERT OVERWRITE TABLE Web.Clicks PARTITION (ds='2025-01-15') SELECT e.User_Id, e.Url WHERE e.Event_Type = 'click'
        INSERT INTO TABLE Web.Page_Views SELECT e.User_Id AS Viewer, lower(e.Page) AS Page
        """;

    [Theory]
    [InlineData("urn:tl:dataset:warehouse.web.clicks", new[] { "user_id <- user_id", "url <- url", " <- event_type" })]
    [InlineData("urn:tl:dataset:warehouse.web.page_views", new[] { "viewer <- user_id", "page <- page" })]
    public async Task Each_target_of_a_hive_multi_insert_gets_the_lineage_of_its_own_branch(string downstream, string[] expected)
    {
        var recorder = _api.Services.GetRequiredService<SqlLineageRecorder>();

        // Like an OpenLineage event's matcher, the resolver knows only the inputs: the target is found by its name.
        var derived = await recorder.DeriveAsync(new SqlDerivation(MultiInsert, downstream)
        {
            Dialect = SqlDialects.FromHint("hive"),
            ResolveTable = table => table.ToString() == "web.raw_events" ? Source : null,
        }, CancellationToken.None);

        Assert.True(derived.Parsed, string.Join("; ", derived.Diagnostics.Select(d => d.Message)));
        Assert.Equal([Source], derived.InputUrns);
        Assert.Equal(expected.Order(), derived.Edges.Where(e => e.UpstreamColumn.Length > 0)
            .Select(e => $"{e.DownstreamColumn} <- {e.UpstreamColumn}").Distinct().Order());
    }

    [Fact]
    public async Task Snowflake_sql_reaches_the_catalog_with_upper_case_names_and_quoted_ones_as_written()
    {
        var recorder = _api.Services.GetRequiredService<SqlLineageRecorder>();
        var derived = await recorder.DeriveAsync(new SqlDerivation(
            "INSERT INTO analytics.mart.daily (order_day, \"Total\") SELECT order_day, sum(amount) FROM raw.sales.orders GROUP BY order_day",
            "urn:tl:dataset:analytics.mart.daily")
        {
            Dialect = SqlDialects.FromHint("snowflake://acme-xy12345"),
            // Ordinal on purpose: only the folded spelling names the table.
            ResolveTable = table => table.ToString() == "RAW.SALES.ORDERS" ? "urn:tl:dataset:raw.sales.orders" : null,
        }, CancellationToken.None);

        Assert.Equal(["urn:tl:dataset:raw.sales.orders"], derived.InputUrns);
        Assert.Contains(derived.Edges, e => e is { DownstreamColumn: "Total", UpstreamColumn: "AMOUNT", Transformation: "DIRECT/AGGREGATION" });
        Assert.Contains(derived.Edges, e => e is { DownstreamColumn: "ORDER_DAY", UpstreamColumn: "ORDER_DAY" });
    }

    [Fact]
    public async Task A_script_writing_no_known_target_keeps_the_first_statement_as_before()
    {
        var recorder = _api.Services.GetRequiredService<SqlLineageRecorder>();
        var derived = await recorder.DeriveAsync(new SqlDerivation("SELECT a FROM s.t1; SELECT b FROM s.t2", "urn:tl:dataset:x.y.z")
        {
            ResolveTable = table => $"urn:tl:dataset:db.{table}",
        }, CancellationToken.None);

        Assert.Equal(["urn:tl:dataset:db.s.t1"], derived.InputUrns);
    }
}
