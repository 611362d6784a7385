using TownLake.Engine.Connectors;
using TownLake.Engine.Execution;
using TownLake.Engine.Connectors.Trino;

namespace TownLake.Engine.Tests.Connectors.Trino;

public sealed class TrinoQueryEngineTests : TrinoServerTestBase
{
    private readonly TrinoQueryEngine _engine;

    public TrinoQueryEngineTests() => _engine = new TrinoQueryEngine(Http);

    private ConnectionSettings Lake(string catalog = "tpch") => ConnectionSettings.Create(
        "lake", "trino", new Dictionary<string, string> { ["Url"] = Server.BaseUri.AbsoluteUri, ["Catalog"] = catalog });

    private static ConnectionSettings Shop() => ConnectionSettings.Create(
        "shop", "postgres", new Dictionary<string, string> { ["ConnectionString"] = "Host=db;Database=shop" });

    private QueryRequest Request(string sql, QueryLimits? limits = null) => new(sql, [Lake(), Shop()], limits);

    private Task<IQueryResult> RunAsync(QueryRequest request, string user) =>
        _engine.ExecuteAsync(request with { Caller = new QueryCaller(user, []) }, default);

    [Fact]
    public async Task Dataset_names_become_trino_catalog_names_and_rows_stream_across_pages()
    {
        Server.Respond("tiny.nation", "nodes-paged.json");

        await using var result = await RunAsync(
            Request("SELECT * FROM lake.tiny.nation n WHERE n.name <> 'lake.tiny.nation' -- lake.tiny.nation\n;"), "alice");
        var rows = await result.ReadRowsAsync(default).ToListAsync();

        var post = Assert.Single(Server.Posts);
        Assert.Equal("SELECT * FROM \"tpch\".tiny.nation n WHERE n.name <> 'lake.tiny.nation' -- lake.tiny.nation\n", post.Body);
        Assert.Equal(["node_id", "http_uri", "node_version", "coordinator", "state"], result.Columns.Select(c => c.Name));
        Assert.Equal("varchar", result.Columns[0].Type);
        Assert.Equal(3, rows.Count);
        Assert.Equal("UUID-2", rows[2][0]);
    }

    [Fact]
    public async Task Query_runs_as_the_calling_user_with_the_timeout_enforced_by_trino_too()
    {
        Server.Respond("tiny.nation", "nodes-paged.json");

        await using var result = await RunAsync(
            Request("SELECT * FROM lake.tiny.nation", new QueryLimits(100, TimeSpan.FromSeconds(30))), "bob");

        var post = Assert.Single(Server.Posts);
        Assert.Equal("bob", post.Header("X-Trino-User"));
        Assert.Equal("query_max_run_time=30000ms", post.Header("X-Trino-Session"));
    }

    [Fact]
    public async Task Concurrent_queries_each_run_as_their_own_caller()
    {
        Server.Respond("tiny.nation", "nodes-paged.json");
        var users = Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? $"alice{i}" : $"bob{i}").ToList();

        var results = await Task.WhenAll(users.Select(user => Task.Run(() => RunAsync(Request($"SELECT '{user}' AS who, * FROM lake.tiny.nation"), user))));
        foreach (var result in results)
        {
            await result.DisposeAsync();
        }

        // Each statement carries its author's name in a literal; the header Trino received with it must name the same user.
        Assert.Equal(users.Count, Server.Posts.Count);
        foreach (var post in Server.Posts)
        {
            var user = users.Single(u => post.Body!.Contains($"'{u}'", StringComparison.Ordinal));
            Assert.Equal(user, post.Header("X-Trino-User"));
        }
    }

    [Fact]
    public async Task A_caller_name_with_control_characters_is_refused_before_reaching_trino()
    {
        var error = await Assert.ThrowsAsync<QueryException>(() => RunAsync(Request("SELECT * FROM lake.tiny.nation"), "eve\r\nX-Trino-User: admin"));

        Assert.Equal(QueryErrorKind.InvalidRequest, error.Error.Kind);
        Assert.Empty(Server.Posts);
    }

    [Fact]
    public async Task Without_a_calling_user_the_connection_service_user_runs_the_query()
    {
        Server.Respond("tiny.nation", "nodes-paged.json");

        await using var result = await _engine.ExecuteAsync(Request("SELECT * FROM lake.tiny.nation"), default);

        Assert.Equal("townlake", Assert.Single(Server.Posts).Header("X-Trino-User"));
    }

    [Fact]
    public async Task Syntax_error_position_points_into_the_text_the_user_wrote()
    {
        Server.Respond("nationkey = = 1", "syntax-error.json");
        const string sql = "SELECT name FROM lake.tiny.nation WHERE nationkey = = 1";

        var error = await Assert.ThrowsAsync<QueryException>(() => RunAsync(Request(sql), "alice"));

        // Trino saw "tpch" (6 characters) where the user wrote lake (4) and reported column 55 of its text.
        Assert.Equal("SELECT name FROM \"tpch\".tiny.nation WHERE nationkey = = 1", Assert.Single(Server.Posts).Body);
        var expectedColumn = sql.IndexOf("= 1", StringComparison.Ordinal) + 1;
        Assert.Equal(QueryErrorKind.InvalidSql, error.Error.Kind);
        Assert.Equal(1, error.Error.Line);
        Assert.Equal(expectedColumn, error.Error.Column);
        Assert.StartsWith($"line 1:{expectedColumn}: mismatched input '='", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_table_is_an_unknown_dataset()
    {
        Server.Respond("nations", "table-not-found.json");

        var error = await Assert.ThrowsAsync<QueryException>(
            () => RunAsync(Request("SELECT * FROM lake.tiny.nations"), "alice"));

        Assert.Equal(QueryErrorKind.UnknownDataset, error.Error.Kind);
        Assert.Equal((1, 15), (error.Error.Line, error.Error.Column));
    }

    [Fact]
    public async Task Timeout_fails_the_query_and_cancels_it_in_trino()
    {
        Server.Respond("slow", "long-running.json");
        // Long enough for the first answer to arrive even on a loaded machine (a shorter one could fire while the statement
        // is still being posted, before there is a query to cancel); the recorded query never finishes, so it still times out.
        var limits = new QueryLimits(100, TimeSpan.FromSeconds(3));

        var started = DateTime.UtcNow;
        await using var result = await RunAsync(Request("SELECT /* slow */ count(*) FROM lake.tiny.lineitem", limits), "alice");
        var error = await Assert.ThrowsAsync<QueryException>(async () => await result.ReadRowsAsync(default).ToListAsync());

        Assert.Equal(QueryErrorKind.Timeout, error.Error.Kind);
        // The recorded query never ends on its own, so any bound proves the timeout; this one is generous for a loaded machine.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
        Assert.Single(Server.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Caller_cancellation_stops_the_query_in_trino()
    {
        Server.Respond("slow", "long-running.json");
        await using var result = await RunAsync(Request("SELECT /* slow */ 1 FROM lake.tiny.lineitem"), "alice");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await result.ReadRowsAsync(cancel.Token).ToListAsync());

        Assert.Single(Server.Requests, r => r.Method == "DELETE");
    }

    [Theory]
    [InlineData("INSERT INTO lake.tiny.nation VALUES (1)")]
    [InlineData("EXPLAIN ANALYZE DELETE FROM lake.tiny.nation")]
    [InlineData("SELECT * FROM TABLE(lake.system.query(query => 'DELETE FROM t RETURNING *'))")]
    public async Task Statements_that_could_write_are_refused_before_reaching_trino(string sql)
    {
        var error = await Assert.ThrowsAsync<QueryException>(() => RunAsync(Request(sql), "alice"));

        Assert.Equal(QueryErrorKind.NotReadOnly, error.Error.Kind);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Several_statements_are_refused()
    {
        var error = await Assert.ThrowsAsync<QueryException>(
            () => RunAsync(Request("SELECT 1; SELECT 2"), "alice"));

        Assert.Equal(QueryErrorKind.InvalidRequest, error.Error.Kind);
        Assert.Equal((1, 9), (error.Error.Line, error.Error.Column));
    }

    [Fact]
    public async Task Dataset_of_a_postgres_connection_is_refused_with_its_position()
    {
        var error = await Assert.ThrowsAsync<QueryException>(
            () => RunAsync(Request("SELECT *\nFROM shop.public.customers"), "alice"));

        Assert.Equal(QueryErrorKind.InvalidRequest, error.Error.Kind);
        Assert.Equal((2, 6), (error.Error.Line, error.Error.Column));
        Assert.Contains("postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_source_unavailable()
    {
        var port = await AbandonServerPortAsync();
        var gone = ConnectionSettings.Create("lake", "trino", new Dictionary<string, string> { ["Url"] = $"http://127.0.0.1:{port}" });

        var error = await Assert.ThrowsAsync<QueryException>(
            () => RunAsync(new QueryRequest("SELECT 1", [gone]), "alice"));

        Assert.Equal(QueryErrorKind.SourceUnavailable, error.Error.Kind);
    }

    [Fact]
    public void Engine_serves_trino_connections_only()
    {
        Assert.Equal("trino", _engine.Name);
        Assert.True(_engine.Supports(ConnectionType.Trino));
        Assert.False(_engine.Supports(ConnectionType.Postgres));
    }
}
