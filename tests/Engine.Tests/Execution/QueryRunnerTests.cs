using TownLake.Engine.Connectors;
using TownLake.Engine.Execution;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Tests.Connectors;

namespace TownLake.Engine.Tests.Execution;

public sealed class QueryRunnerTests : IAsyncDisposable
{
    private readonly TestFiles _files = new();
    private readonly QueryRunner _runner = new([new DuckDbFederatedEngine()]);
    private readonly List<ConnectionSettings> _connections;

    public QueryRunnerTests()
    {
        var warehouse = _files.PathOf("warehouse.duckdb");
        TestFiles.DuckDb(
            $"ATTACH '{warehouse}' AS w",
            "CREATE SCHEMA w.fct",
            "CREATE TABLE w.fct.billings AS SELECT range AS id, range % 7 AS customer_id, range * 1.5 AS amount FROM range(1000)");
        _files.Parquet("lake/main/events/year=2024/month=01/p.parquet", "SELECT range AS id, 'a' AS kind FROM range(10)");
        _files.Parquet("lake/main/events/year=2024/month=02/p.parquet", "SELECT range AS id, 'b' AS kind FROM range(15)");
        _files.Csv("lake/crm/contacts.csv", "SELECT range AS id, 'x' || range AS email FROM range(5)");
        _connections =
        [
            ConnectionSettings.Create("demo", "duckdb", [new("Path", warehouse)]),
            ConnectionSettings.Create("lake", "files", [new("Path", Path.Combine(_files.Root, "lake"))]),
        ];
    }

    [Fact]
    public async Task Three_part_names_reach_duckdb_files_partitions_and_csv()
    {
        var status = await RunAsync("""
            SELECT (SELECT count(*) FROM demo.fct.billings) AS billings,
                   (SELECT count(*) FROM lake.main.events WHERE month = 2) AS february_events,
                   (SELECT max(email) FROM lake.crm.contacts) AS last_email
            """);

        Assert.Equal(QueryState.Succeeded, status.State);
        Assert.Equal(["billings", "february_events", "last_email"], status.Columns!.Select(c => c.Name));
        Assert.Equal(["BIGINT", "BIGINT", "VARCHAR"], status.Columns!.Select(c => c.Type));
        var row = Assert.Single((await _runner.FetchAsync(status.Id, 0, 10))!.Rows);
        Assert.Equal(new object?[] { 1000L, 15L, "x4" }, row);
    }

    [Fact]
    public async Task Pages_cover_the_result_exactly_once()
    {
        var status = await RunAsync("SELECT id FROM demo.fct.billings ORDER BY id");

        var seen = new List<long>();
        for (var offset = 0; ; offset += 300)
        {
            var page = (await _runner.FetchAsync(status.Id, offset, 300))!;
            seen.AddRange(page.Rows.Select(r => (long)r[0]!));
            if (!page.HasMore)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), seen);
        Assert.Equal(1000, status.RowCount);
        Assert.NotNull(status.ExecutionTime);
    }

    [Fact]
    public async Task Row_cap_truncates_and_says_so()
    {
        var status = await RunAsync("SELECT * FROM demo.fct.billings", new QueryLimits(100, TimeSpan.FromSeconds(30)));

        Assert.Equal((QueryState.Succeeded, 100, true), (status.State, status.RowCount, status.Truncated));
        var page = (await _runner.FetchAsync(status.Id, 50, 100))!;
        Assert.Equal((50, false), (page.Rows.Count, page.HasMore));
    }

    [Fact]
    public async Task Syntax_error_reports_line_and_column()
    {
        var status = await RunAsync("SELECT id,\n  amount\nFROM demo.fct.billings\nWHERE amount = = 3");

        Assert.Equal(QueryState.Failed, status.State);
        Assert.Equal(QueryErrorKind.InvalidSql, status.Error!.Kind);
        Assert.Equal(4, status.Error.Line);
        Assert.Equal(16, status.Error.Column);
    }

    [Fact]
    public async Task Binder_error_reports_position_of_the_unknown_column()
    {
        var status = await RunAsync("SELECT id,\n       nope\nFROM demo.fct.billings");

        Assert.Equal(QueryErrorKind.InvalidSql, status.Error!.Kind);
        Assert.Contains("nope", status.Error.Message, StringComparison.Ordinal);
        Assert.Equal((2, 8), (status.Error.Line, status.Error.Column));
    }

    [Theory]
    [InlineData("SELECT * FROM demo.fct.nope", "demo.fct.nope")]
    [InlineData("SELECT * FROM nowhere.fct.billings", "'nowhere'")]
    [InlineData("SELECT * FROM lake.main.missing", "lake.main.missing")]
    [InlineData("SELECT * FROM billings", "'billings'")]
    public async Task Unknown_dataset_is_named_in_the_error(string sql, string named)
    {
        var status = await RunAsync(sql);

        Assert.Equal(QueryErrorKind.UnknownDataset, status.Error!.Kind);
        Assert.Contains(named, status.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DROP TABLE demo.fct.billings")]
    [InlineData("INSERT INTO demo.fct.billings VALUES (1, 2, 3)")]
    [InlineData("CREATE TABLE x AS SELECT 1")]
    [InlineData("COPY demo.fct.billings TO '/tmp/x.csv'")]
    [InlineData("ATTACH '/tmp/other.duckdb' AS other")]
    [InlineData("SET threads = 1")]
    public async Task Statements_other_than_select_are_rejected(string sql)
    {
        var status = await RunAsync(sql);

        Assert.Equal(QueryState.Failed, status.State);
        Assert.Equal(QueryErrorKind.NotReadOnly, status.Error!.Kind);
    }

    [Fact]
    public async Task Files_outside_the_configured_directories_cannot_be_read()
    {
        var status = await RunAsync("SELECT * FROM read_csv('/etc/passwd')");

        Assert.Equal(QueryState.Failed, status.State);
        Assert.Equal(QueryErrorKind.FunctionNotAllowed, status.Error!.Kind);
        Assert.Contains("'read_csv'", status.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT * FROM read_csv('~/secret.csv')")]
    [InlineData("SELECT * FROM read_csv('secret.csv')")]
    public async Task Errors_about_server_files_do_not_show_the_servers_home_or_working_directory(string sql)
    {
        var status = await RunAsync(sql);

        Assert.Equal(QueryState.Failed, status.State);
        Assert.DoesNotContain(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), status.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetCurrentDirectory(), status.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_interrupts_a_long_query()
    {
        var started = DateTime.UtcNow;
        var status = await RunAsync("SELECT count(*) FROM range(100000000000)", new QueryLimits(10, TimeSpan.FromMilliseconds(500)));

        Assert.Equal(QueryState.Failed, status.State);
        Assert.Equal(QueryErrorKind.Timeout, status.Error!.Kind);
        // Counting 10^11 rows takes minutes: a run stopped well before that was interrupted, however loaded the machine.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Cancel_stops_a_running_query()
    {
        var id = _runner.Start(new QueryRequest("SELECT count(*) FROM range(100000000000)", _connections));
        while (_runner.GetStatus(id)!.State == QueryState.Queued)
        {
            await Task.Delay(10);
        }

        // At once: the engine is still setting DuckDB up, where a cancel used to be lost (see DuckDbInterrupterTests).
        Assert.True(_runner.Cancel(id));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var status = (await _runner.WaitAsync(id, deadline.Token))!;

        Assert.Equal(QueryState.Cancelled, status.State);
        Assert.False(_runner.Cancel(id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(20)]
    public async Task Cancel_at_any_moment_of_the_start_stops_the_query(int afterMilliseconds)
    {
        var id = _runner.Start(new QueryRequest("SELECT count(*) FROM demo.fct.billings a, range(100000000000) b", _connections));
        if (afterMilliseconds > 0)
        {
            await Task.Delay(afterMilliseconds);
        }

        Assert.True(_runner.Cancel(id));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var status = (await _runner.WaitAsync(id, deadline.Token))!;

        Assert.Equal(QueryState.Cancelled, status.State);
    }

    [Fact]
    public async Task Multiple_statements_are_refused()
    {
        var status = await RunAsync("SELECT 1; SELECT 2");

        Assert.Equal(QueryErrorKind.InvalidRequest, status.Error!.Kind);
    }

    [Fact]
    public void Unknown_engine_name_is_refused_at_start()
    {
        var error = Assert.Throws<QueryException>(() => _runner.Start(new QueryRequest("SELECT 1", _connections, Engine: "oracle")));

        Assert.Equal(QueryErrorKind.InvalidRequest, error.Error.Kind);
        Assert.Contains("duckdb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_can_be_fetched_while_the_query_still_runs()
    {
        var id = _runner.Start(new QueryRequest("SELECT range AS n FROM range(300000)", _connections, new QueryLimits(1_000_000, TimeSpan.FromMinutes(1))));

        var first = (await _runner.FetchAsync(id, 0, 5))!;

        Assert.Equal([0L, 1L, 2L, 3L, 4L], first.Rows.Select(r => (long)r[0]!));
        Assert.True(first.HasMore);
        var final = (await _runner.WaitAsync(id))!;
        Assert.Equal(300000, final.RowCount);
    }

    [Fact]
    public async Task Unreachable_postgres_is_reported_as_an_unavailable_source()
    {
        var shop = ConnectionSettings.Create("shop", "postgres", [new("ConnectionString", "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2")]);

        var status = await _runner.RunAsync(new QueryRequest("SELECT * FROM shop.public.customers", [.. _connections, shop]));

        Assert.Equal(QueryErrorKind.SourceUnavailable, status.Error!.Kind);
        Assert.Contains("'shop'", status.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_beyond_the_concurrency_limit_wait_queued()
    {
        await using var runner = new QueryRunner([new DuckDbFederatedEngine()], new QueryRunnerOptions { MaxConcurrentQueries = 1 });
        var slow = runner.Start(new QueryRequest("SELECT count(*) FROM range(100000000000)", _connections));
        while (runner.GetStatus(slow)!.State == QueryState.Queued)
        {
            await Task.Delay(10);
        }

        var waiting = runner.Start(new QueryRequest("SELECT 42", _connections));
        await Task.Delay(200);
        Assert.Equal(QueryState.Queued, runner.GetStatus(waiting)!.State);

        runner.Cancel(slow);
        var done = (await runner.WaitAsync(waiting))!;
        Assert.Equal(QueryState.Succeeded, done.State);
        Assert.Equal(42, (await runner.FetchAsync(waiting, 0, 1))!.Rows[0][0]);
    }

    [Fact]
    public async Task Unknown_run_id_returns_nothing()
    {
        Assert.Null(_runner.GetStatus("nope"));
        Assert.Null(await _runner.FetchAsync("nope", 0, 10));
    }

    public async ValueTask DisposeAsync()
    {
        await _runner.DisposeAsync();
        _files.Dispose();
    }

    private async Task<QueryStatus> RunAsync(string sql, QueryLimits? limits = null)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _runner.RunAsync(new QueryRequest(sql, _connections, limits), deadline.Token);
    }
}
