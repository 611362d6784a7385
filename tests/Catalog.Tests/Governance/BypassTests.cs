using System.Text.Json.Nodes;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Tests.QueryFront;

namespace TownLake.Catalog.Tests.Governance;

/// <summary>
/// The bypass table of issue #12 on the embedded engine, over real HTTP: every way of reaching a hidden column
/// (<c>secret_score</c>, pending), a PII column (<c>email</c>) or an unapproved table (<c>shop.raw.dump</c>) is refused
/// or comes back redacted — never the raw values.
/// </summary>
public sealed class BypassTests(GovernedWarehouse warehouse) : IClassFixture<GovernedWarehouse>
{
    private const string RawEmail = "@example.com";

    /// <summary>Statements that run, but only with e-mails redacted and without the pending column.</summary>
    [Theory]
    [InlineData("plain", "SELECT id, email FROM shop.main.customers")]
    [InlineData("alias", "SELECT c.email AS contact FROM shop.main.customers c")]
    [InlineData("cte", "WITH x AS (SELECT * FROM shop.main.customers) SELECT * FROM x")]
    [InlineData("nested subquery", "SELECT * FROM (SELECT * FROM (SELECT email, id FROM shop.main.customers) a) b")]
    [InlineData("select star", "SELECT * FROM shop.main.customers")]
    [InlineData("t.star", "SELECT c.* FROM shop.main.customers c")]
    [InlineData("using", "SELECT * FROM shop.main.customers a JOIN shop.main.customers b USING (id)")]
    [InlineData("union", "SELECT email FROM shop.main.customers UNION ALL SELECT tier FROM shop.main.customers")]
    [InlineData("lateral", "SELECT l.e FROM shop.main.customers c, LATERAL (SELECT c.email AS e) l")]
    [InlineData("window", "SELECT first_value(email) OVER (ORDER BY id) AS e, id FROM shop.main.customers")]
    [InlineData("group by all", "SELECT email, count(*) AS n FROM shop.main.customers GROUP BY ALL")]
    [InlineData("quoted mixed case", "SELECT \"EMAIL\", * FROM \"SHOP\".\"Main\".\"Customers\"")]
    [InlineData("two-part name", "SELECT * FROM shop.customers")]
    [InlineData("describe", "DESCRIBE shop.main.customers")]
    [InlineData("summarize", "SUMMARIZE shop.main.customers")]
    [InlineData("string cast", "SELECT CAST(email AS VARCHAR) || '' AS e FROM shop.main.customers")]
    public async Task Reads_of_the_approved_table_redact_pii_and_never_show_the_pending_column(string attempt, string sql)
    {
        using var alice = warehouse.ClientFor("alice");

        var run = await QueryApiClient.RunAsync(warehouse.Api, sql, alice);
        var (columns, rows) = await QueryApiClient.AllRowsAsync(warehouse.Api, run["id"]!.GetValue<string>(), client: alice);

        Assert.True(run["state"]!.GetValue<string>() == "SUCCEEDED", attempt + ": " + run.ToJsonString());
        Assert.NotEmpty(rows);
        var text = string.Join("\n", rows);
        Assert.DoesNotContain(RawEmail, text);
        Assert.DoesNotContain("secret_score", string.Join(",", columns) + text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(columns, c => c.Equals("secret_score", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Statements refused before they run, with ACCESS_DENIED naming what and why, or failed by the engine.</summary>
    [Theory]
    [InlineData("hidden column", "SELECT secret_score FROM shop.main.customers", "pending review")]
    [InlineData("hidden column via alias", "SELECT c.secret_score FROM shop.main.customers c", "pending review")]
    [InlineData("hidden column via cte", "WITH x AS (SELECT secret_score AS s FROM shop.main.customers) SELECT s FROM x", "pending review")]
    [InlineData("hidden column in where", "SELECT id FROM shop.main.customers WHERE secret_score > 50", "pending review")]
    [InlineData("hidden column in window", "SELECT rank() OVER (ORDER BY secret_score) FROM shop.main.customers", "pending review")]
    [InlineData("unapproved table", "SELECT * FROM shop.raw.dump", "shop.raw.dump")]
    [InlineData("unapproved in nested subquery", "SELECT id FROM shop.main.customers WHERE id IN (SELECT id FROM (SELECT id FROM shop.raw.dump))", "shop.raw.dump")]
    [InlineData("unapproved in union", "SELECT tier FROM shop.main.customers UNION SELECT payload FROM shop.raw.dump", "shop.raw.dump")]
    [InlineData("unapproved in lateral", "SELECT d.payload FROM shop.main.customers c, LATERAL (SELECT payload FROM shop.raw.dump WHERE id = c.id) d", "shop.raw.dump")]
    [InlineData("unapproved mixed case", "SELECT * FROM \"SHOP\".\"RAW\".\"DUMP\"", "dump")]
    [InlineData("view over unapproved table", "SELECT * FROM shop.main.dump_view", "shop.raw.dump")]
    [InlineData("view over pii", "SELECT * FROM shop.main.customer_view", "PII")]
    [InlineData("another connection name", "SELECT * FROM shop2.main.customers", "shop2.main.customers")]
    [InlineData("describe unapproved", "DESCRIBE shop.raw.dump", "shop.raw.dump")]
    [InlineData("explain", "EXPLAIN SELECT * FROM shop.main.customers", "EXPLAIN")]
    [InlineData("explain analyze", "EXPLAIN ANALYZE SELECT email FROM shop.main.customers", "EXPLAIN")]
    [InlineData("show all tables", "SHOW ALL TABLES", "SHOW")]
    [InlineData("show table", "SHOW shop.main.customers", "SHOW")]
    public async Task Bypass_attempts_are_refused_with_access_denied(string attempt, string sql, string mentioned)
    {
        using var alice = warehouse.ClientFor("alice");

        var result = await warehouse.Api.GraphQLAsync("mutation($sql: String!) { startQuery(sql: $sql) { id state } }", new { sql }, alice);

        Assert.True(CatalogApiFactory.ErrorCode(result) == "ACCESS_DENIED", attempt + ": " + result.ToJsonString());
        Assert.Contains(mentioned, result["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Ways around the catalog names the engine refuses outright (the run fails, nothing is read).</summary>
    [Theory]
    [InlineData("information_schema", "SELECT * FROM information_schema.columns")]
    [InlineData("information_schema under the connection", "SELECT * FROM shop.information_schema.columns")]
    [InlineData("duckdb_columns()", "SELECT * FROM duckdb_columns()")]
    [InlineData("duckdb_tables()", "SELECT * FROM duckdb_tables()")]
    [InlineData("query_table()", "SELECT * FROM query_table('shop.raw.dump')")]
    [InlineData("query()", "SELECT * FROM query('SELECT * FROM shop.raw.dump')")]
    [InlineData("read_csv", "SELECT * FROM read_csv('/etc/passwd')")]
    [InlineData("pg_catalog", "SELECT * FROM pg_catalog.pg_attribute")]
    public async Task Catalog_tables_and_table_functions_are_refused(string attempt, string sql)
    {
        using var alice = warehouse.ClientFor("alice");

        var result = await warehouse.Api.GraphQLAsync("mutation($sql: String!) { startQuery(sql: $sql) { id state error { kind message } } }", new { sql }, alice);
        var code = CatalogApiFactory.ErrorCode(result);
        JsonNode? run = code is null ? await QueryApiClient.WaitAsync(warehouse.Api, result["data"]!["startQuery"]!["id"]!.GetValue<string>(), alice) : null;

        Assert.True(code == "ACCESS_DENIED" || run?["state"]?.GetValue<string>() == "FAILED", attempt + ": " + result.ToJsonString() + run?.ToJsonString());
    }

    [Fact]
    public async Task Masks_are_stable_so_joins_and_distinct_counts_keep_their_meaning()
    {
        using var alice = warehouse.ClientFor("alice");

        var run = await QueryApiClient.RunAsync(warehouse.Api, """
            SELECT count(DISTINCT a.email) AS distinct_emails, count(*) AS joined, min(a.email) AS sample
            FROM shop.main.customers a JOIN shop.main.customers b ON a.email = b.email
            """, alice);
        var (_, rows) = await QueryApiClient.AllRowsAsync(warehouse.Api, run["id"]!.GetValue<string>(), client: alice);

        var row = JsonNode.Parse(rows.Single())!.AsArray();
        Assert.Equal(20, row[0]!.GetValue<long>());
        Assert.Equal(20, row[1]!.GetValue<long>());
        Assert.StartsWith("redacted:", row[2]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refused_query_is_in_the_audit_trail()
    {
        using var bob = warehouse.ClientFor("bob");
        await warehouse.Api.GraphQLAsync("mutation { startQuery(sql: \"SELECT * FROM shop.raw.dump\") { id } }", client: bob);

        var events = await warehouse.Governance.AuditAsync(GovernedWarehouse.Rita, new GovernanceEventFilter { User = "bob", Kind = GovernanceEventKind.QueryRefused }, default);

        Assert.Contains(events, e => e.Summary.Contains("shop.raw.dump", StringComparison.Ordinal));
    }
}
