using System.Text.Json.Nodes;
using Spectre.Console;
using TownLake.Catalog.Cli;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Tests.QueryFront;

/// <summary>The demo warehouse queried through GraphQL, the CLI's code path and the agent API gives DuckDB's own answer.</summary>
public sealed class DemoQueryTests(DemoQueryFixture fixture) : IClassFixture<DemoQueryFixture>
{
    private const string RevenueByPlan = """
        SELECT a.plan, count(DISTINCT a.account_id) AS accounts, count(*) AS lines, min(a.created_date) AS first_created
        FROM demo.dim.accounts a JOIN demo.dim.zones z ON z.account_id = a.account_id
        GROUP BY a.plan ORDER BY a.plan
        """;

    private const string AllAccounts = "SELECT * FROM demo.dim.accounts ORDER BY account_id";

    private CatalogApiFactory Api => fixture.Api;

    [Fact]
    public async Task A_join_over_the_demo_through_GraphQL_returns_what_DuckDB_returns()
    {
        var run = await QueryApiClient.RunAsync(Api, RevenueByPlan);

        Assert.Equal("SUCCEEDED", run["state"]!.GetValue<string>());
        Assert.Equal(["demo.dim.accounts", "demo.dim.zones"], run["datasets"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("admin", run["user"]!.GetValue<string>());
        var (columns, rows) = await QueryApiClient.AllRowsAsync(Api, run["id"]!.GetValue<string>());
        Assert.Equal(["plan", "accounts", "lines", "first_created"], columns);
        Assert.Equal(QueryApiClient.DuckDbRows(fixture.DemoDatabase, RevenueByPlan), rows);
        Assert.Equal(rows.Count, run["rowCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Paging_a_whole_table_in_small_pages_returns_every_row_once_in_order()
    {
        var run = await QueryApiClient.RunAsync(Api, AllAccounts);

        var (_, rows) = await QueryApiClient.AllRowsAsync(Api, run["id"]!.GetValue<string>(), pageSize: 333);

        var expected = QueryApiClient.DuckDbRows(fixture.DemoDatabase, AllAccounts);
        Assert.Equal(2000, expected.Count);
        Assert.Equal(expected, rows);
    }

    [Fact]
    public async Task The_CLI_query_path_returns_what_DuckDB_returns_and_prints_a_table()
    {
        var caller = new Caller("cli-user", [], true, false);
        var (run, page) = await QueryCommand.ExecuteAsync(Api.Services, RevenueByPlan, caller, 100, CancellationToken.None);

        Assert.Equal(Catalog.QueryFront.QueryRunState.Succeeded, run.State);
        Assert.Equal(QueryApiClient.DuckDbRows(fixture.DemoDatabase, RevenueByPlan), page.Rows.Select(r => System.Text.Json.JsonSerializer.Serialize(Catalog.QueryFront.ResultValues.Row(r))).ToList());

        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        var exit = await QueryCommand.RunAsync(Api.Services, "SELECT plan, count(*) AS n FROM demo.dim.accounts GROUP BY plan ORDER BY plan", console, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("enterprise", output.ToString());
        Assert.Contains("4 row(s)", output.ToString());
    }

    [Fact]
    public async Task The_CLI_reports_a_bad_statement_with_its_line_and_column_and_exit_code_1()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });

        var exit = await QueryCommand.RunAsync(Api.Services, "SELECT plan\nFROM demo.dim.accounts\nWHERE plan = = 'free'", console, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("FAILED", output.ToString());
        Assert.Contains("line 3", output.ToString());
    }

    [Fact]
    public async Task The_agent_API_pages_rows_within_the_budget_with_a_cursor()
    {
        using var client = Api.CreateClient();
        var (status, started) = await QueryApiClient.PostAgentAsync(client, "start_query", new { sql = AllAccounts });
        Assert.Equal(200, status);
        var id = started["id"]!.GetValue<string>();

        var (firstStatus, first) = await QueryApiClient.PostAgentAsync(client, "fetch_results", new { id, wait_ms = 20_000 });
        var (nextStatus, next) = await QueryApiClient.PostAgentAsync(client, "fetch_results", new { id, cursor = first["nextCursor"]!.GetValue<string>() });

        Assert.Equal(200, firstStatus);
        Assert.Equal("SUCCEEDED", first["state"]!.GetValue<string>());
        Assert.Equal(2000, first["rowCount"]!.GetValue<int>());
        var shown = first["rows"]!.AsArray().Count;
        Assert.InRange(shown, 1, 1999);
        Assert.Equal(QueryApiClient.DuckDbRows(fixture.DemoDatabase, AllAccounts).Take(shown), first["rows"]!.AsArray().Select(r => r!.ToJsonString()));
        Assert.Equal(200, nextStatus);
        Assert.Equal(shown, next["from"]!.GetValue<int>());
    }

    [Fact]
    public async Task Fetched_rows_cut_long_values_and_say_so()
    {
        using var client = Api.CreateClient();
        var (_, started) = await QueryApiClient.PostAgentAsync(client, "start_query", new { sql = "SELECT repeat('x', 1000) AS long_text, account_id FROM demo.dim.accounts ORDER BY account_id LIMIT 3" });

        var (status, body) = await QueryApiClient.PostAgentAsync(client, "fetch_results", new { id = started["id"]!.GetValue<string>(), wait_ms = 20_000 });

        Assert.Equal(200, status);
        var cell = body["rows"]![0]![0]!.GetValue<string>();
        Assert.Equal(200, cell.Length);
        Assert.EndsWith("…", cell);
        Assert.Equal(3, body["cellsShortened"]!.GetValue<int>());
        Assert.True(body["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_agent_API_answers_bad_requests_with_4xx_JSON()
    {
        using var client = Api.CreateClient();

        var (emptySql, emptyBody) = await QueryApiClient.PostAgentAsync(client, "start_query", new { sql = " " });
        var (badWait, badWaitBody) = await QueryApiClient.PostAgentAsync(client, "fetch_results", new { id = "x", wait_ms = -1 });
        var (unknown, unknownBody) = await QueryApiClient.PostAgentAsync(client, "fetch_results", new { id = "no-such-run" });

        Assert.Equal(400, emptySql);
        Assert.Equal("BAD_USER_INPUT", emptyBody["error"]!["code"]!.GetValue<string>());
        Assert.Equal(400, badWait);
        Assert.Contains("'wait_ms'", badWaitBody["error"]!["message"]!.GetValue<string>());
        Assert.Equal(404, unknown);
        Assert.Equal("NOT_FOUND", unknownBody["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_SQL_fails_with_the_line_and_column_of_the_mistake()
    {
        var run = await QueryApiClient.RunAsync(Api, "SELECT account_id,\n       plan\nFROM demo.dim.accounts\nWHERE plan = = 'free'");

        Assert.Equal("FAILED", run["state"]!.GetValue<string>());
        Assert.Equal(4, run["error"]!["line"]!.GetValue<int>());
        Assert.NotNull(run["error"]!["column"]);
        Assert.Equal("INVALID_SQL", run["error"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dataset_of_an_unknown_connection_fails_naming_it()
    {
        var run = await QueryApiClient.RunAsync(Api, "SELECT * FROM nowhere.sales.orders");

        Assert.Equal("FAILED", run["state"]!.GetValue<string>());
        Assert.Equal("UNKNOWN_DATASET", run["error"]!["kind"]!.GetValue<string>());
        Assert.Contains("nowhere.sales.orders", run["error"]!["message"]!.GetValue<string>());
        Assert.Contains("demo", run["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_table_of_a_known_connection_fails_naming_it()
    {
        var run = await QueryApiClient.RunAsync(Api, "SELECT * FROM demo.dim.no_such_table");

        Assert.Equal("FAILED", run["state"]!.GetValue<string>());
        Assert.Contains("demo.dim.no_such_table", run["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_statement_that_writes_is_refused()
    {
        var run = await QueryApiClient.RunAsync(Api, "DELETE FROM demo.dim.accounts");

        Assert.Equal("FAILED", run["state"]!.GetValue<string>());
        Assert.Equal(2000, QueryApiClient.DuckDbRows(fixture.DemoDatabase, "SELECT * FROM demo.dim.accounts").Count);
    }

    [Fact]
    public async Task Cancelling_a_long_query_stops_it()
    {
        var started = await QueryApiClient.StartAsync(Api, "SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b");
        var id = started["id"]!.GetValue<string>();

        var cancelled = (await Api.DataAsync($"mutation($id: ID!) {{ cancelQuery(id: $id) {{ {QueryApiClient.RunFields} }} }}", new { id }))["cancelQuery"]!;

        Assert.Equal("CANCELLED", cancelled["state"]!.GetValue<string>());
        Assert.Equal("CANCELLED", (await QueryApiClient.WaitAsync(Api, id))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_run_id_that_does_not_exist_reads_as_null_and_its_results_as_not_found()
    {
        var run = await Api.DataAsync("{ queryRun(id: \"0123\") { id } }");
        var results = await Api.GraphQLAsync("{ results(id: \"0123\") { total } }");

        Assert.Null(run["queryRun"]);
        Assert.Equal("NOT_FOUND", CatalogApiFactory.ErrorCode(results));
    }

    [Fact]
    public async Task The_demo_is_a_duckdb_connection_and_connections_reveal_no_paths()
    {
        var result = await Api.GraphQLAsync("{ connections { name type description } }");

        var demo = result["data"]!["connections"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "demo")!;
        Assert.Equal("duckdb", demo["type"]!.GetValue<string>());
        Assert.DoesNotContain(Api.DataDirectory, result.ToJsonString());
    }

    [Fact]
    public async Task Re_ingesting_the_demo_changes_nothing_and_keeps_its_hand_written_metadata()
    {
        var summary = (await Api.DataAsync("mutation { ingestConnection(name: \"demo\") { connection added changed removed unchanged columns durationMs } }"))["ingestConnection"]!;
        var accounts = (await Api.DataAsync("{ dataset(name: \"demo.dim.accounts\") { schemaVersion description tags { name } owners { name } rowCount column(name: \"account_id\") { isPrimaryKey description } } }"))["dataset"]!;

        Assert.Equal(0, summary["added"]!.GetValue<int>());
        Assert.Equal(0, summary["changed"]!.GetValue<int>());
        Assert.Equal(0, summary["removed"]!.GetValue<int>());
        Assert.True(summary["unchanged"]!.GetValue<int>() >= 10);
        Assert.Equal(1, accounts["schemaVersion"]!.GetValue<int>());
        Assert.Equal(["curated"], accounts["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Contains("alice", accounts["owners"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        Assert.True(accounts["column"]!["isPrimaryKey"]!.GetValue<bool>());
        Assert.Equal(2000, accounts["rowCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Ingesting_through_the_CLI_path_prints_a_summary_table()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });

        var exit = await IngestCommand.RunAsync(Api.Services, "demo", console, CancellationToken.None);
        var unknown = await IngestCommand.RunAsync(Api.Services, "nope", console, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("Unchanged", output.ToString());
        Assert.Equal(1, unknown);
        Assert.Contains("No connection named 'nope'", output.ToString());
    }

    [Fact]
    public async Task Queries_are_audited_and_show_as_usage_with_commonly_joined_datasets()
    {
        var before = await UsageAsync("demo.dim.customers");
        var caller = new Caller("usage-tester", [], true, false);
        await QueryCommand.ExecuteAsync(Api.Services, "SELECT count(*) FROM demo.dim.customers c JOIN demo.dim.accounts a ON a.account_id = c.account_id", caller, 10, CancellationToken.None);
        await QueryCommand.ExecuteAsync(Api.Services, "SELECT count(*) FROM demo.dim.customers", caller, 10, CancellationToken.None);
        await QueryCommand.ExecuteAsync(Api.Services, "SELECT count(*) FROM demo.dim.customers WHERE", caller, 10, CancellationToken.None);

        var after = await UsageAsync("demo.dim.customers");

        Assert.Equal(before["queryCount"]!.GetValue<int>() + 2, after["queryCount"]!.GetValue<int>());
        Assert.Contains(after["topUsers"]!.AsArray(), u => u!["user"]!.GetValue<string>() == "usage-tester" && u["count"]!.GetValue<int>() == 2);
        Assert.Contains(after["commonlyJoinedWith"]!.AsArray(), j => j!["dataset"]!.GetValue<string>() == "demo.dim.accounts");
        Assert.NotNull(after["lastQueriedAt"]);
        var recent = after["recentQueries"]!.AsArray();
        Assert.Equal("FAILED", recent[0]!["state"]!.GetValue<string>());
        Assert.Equal("usage-tester", recent[0]!["user"]!.GetValue<string>());
    }

    private async Task<JsonNode> UsageAsync(string dataset) =>
        (await Api.DataAsync($"{{ dataset(name: \"{dataset}\") {{ usage {{ queryCount distinctUsers lastQueriedAt topUsers {{ user count }} commonlyJoinedWith {{ dataset count }} recentQueries(first: 5) {{ id state user sql datasets }} }} }} }}"))["dataset"]!["usage"]!;
}
