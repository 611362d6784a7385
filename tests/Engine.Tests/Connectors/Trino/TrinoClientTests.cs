using System.Net;
using TownLake.Engine.Connectors.Trino;

namespace TownLake.Engine.Tests.Connectors.Trino;

public sealed class TrinoClientTests : TrinoServerTestBase
{
    private static readonly TrinoSession Alice = new("alice") { Catalog = "system", Schema = "runtime" };

    private TrinoClient Client(int maxRetries = 5) => new(
        Http, new TrinoClientOptions(Server.BaseUri) { RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = maxRetries });

    [Fact]
    public async Task Statement_follows_nextUri_across_pages_until_it_is_absent()
    {
        Server.Respond("system.runtime.nodes", "nodes-paged.json");

        await using var statement = await Client().StartAsync("SELECT * FROM system.runtime.nodes", Alice, default);
        Assert.Equal("QUEUED", statement.Stats.State);
        Assert.Null(statement.Columns);

        var first = await statement.ReadPageAsync(default);
        var second = await statement.ReadPageAsync(default);
        var last = await statement.ReadPageAsync(default);
        var afterEnd = await statement.ReadPageAsync(default);

        Assert.Equal(["UUID-0", "UUID-1"], first!.Rows.Select(r => (string)r[0]!));
        Assert.False(first.IsLast);
        Assert.Equal(["UUID-2"], second!.Rows.Select(r => (string)r[0]!));
        Assert.True(last!.IsLast);
        Assert.Empty(last.Rows);
        Assert.Equal("FINISHED", last.Stats.State);
        Assert.Equal(3, last.Stats.ProcessedRows);
        Assert.Null(afterEnd);
        Assert.True(statement.IsFinished);
        Assert.Equal(["node_id", "http_uri", "node_version", "coordinator", "state"], statement.Columns!.Select(c => c.Name));
        // One POST, then one GET per nextUri: queued, columns-only, two data pages, finished.
        Assert.Equal(["POST", "GET", "GET", "GET", "GET"], Server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Every_request_carries_the_calling_user_and_the_post_carries_the_session()
    {
        Server.Respond("system.runtime.nodes", "nodes-paged.json");
        var session = Alice with { Properties = new Dictionary<string, string> { ["query_max_run_time"] = "10s", ["x"] = "a,b" } };

        await Client().ExecuteAsync("SELECT * FROM system.runtime.nodes", session, default);

        Assert.All(Server.Requests, r => Assert.Equal("alice", r.Header("X-Trino-User")));
        var post = Assert.Single(Server.Posts);
        Assert.Equal("SELECT * FROM system.runtime.nodes", post.Body);
        Assert.Equal("system", post.Header("X-Trino-Catalog"));
        Assert.Equal("runtime", post.Header("X-Trino-Schema"));
        Assert.Equal("townlake", post.Header("X-Trino-Source"));
        Assert.Equal("query_max_run_time=10s,x=a%2Cb", post.Header("X-Trino-Session"));
    }

    [Fact]
    public async Task A_session_without_user_is_refused_before_anything_is_sent()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client().StartAsync("SELECT 1", new TrinoSession(" "), default));

        Assert.Contains("X-Trino-User", error.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Trino_types_map_to_clr_values()
    {
        Server.Respond("types", "types.json");

        var result = await Client().ExecuteAsync("SELECT /* types */ *", Alice, default);

        var row = result.Rows[0];
        var value = result.Columns.Select((c, i) => (c.Name, Value: row[i])).ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(true, value["b"]);
        Assert.Equal((sbyte)7, value["ti"]);
        Assert.Equal((short)300, value["si"]);
        Assert.Equal(70000, value["i"]);
        Assert.Equal(9007199254740993L, value["bi"]);
        Assert.Equal(1.5f, value["r"]);
        Assert.Equal(2.25d, value["d"]);
        Assert.Equal(12345678.90m, value["dec"]);
        Assert.Equal("12345678901234567890123456789012345678", value["bigdec"]); // beyond System.Decimal: exact text
        Assert.Equal("hello", value["v"]);
        Assert.Equal("abc", value["c"]);
        Assert.Equal(new byte[] { 1, 2, 3 }, value["vb"]);
        Assert.Equal(new DateOnly(2024, 2, 29), value["dt"]);
        Assert.Equal(new TimeOnly(13, 14, 15, 678), value["tm"]);
        Assert.Equal(new DateTime(2024, 2, 29, 13, 14, 15, 678, DateTimeKind.Unspecified), value["ts"]);
        Assert.Equal(new DateTime(2024, 2, 29, 13, 14, 15).AddTicks(1_234_560), value["ts6"]);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 13, 14, 15, 678, TimeSpan.Zero), value["tstz"]);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 13, 14, 15, 678, new TimeSpan(5, 30, 0)), value["tsoff"]);
        Assert.Equal(new TimeSpan(1, 2, 3, 4, 500), value["iv"]);
        Assert.Equal(Guid.Parse("12151fd2-7586-11e9-8f9e-2a86e4085a59"), value["u"]);
        Assert.Equal("{\"a\":1}", value["j"]);
        Assert.Equal(new object?[] { 1L, 2L, null }, value["arr"]);
        var map = Assert.IsType<Dictionary<object, object?>>(value["m"]);
        Assert.Equal(1L, map["k1"]);
        Assert.Null(map["k2"]);
        var rowValue = Assert.IsType<Dictionary<string, object?>>(value["rw"]);
        Assert.Equal(5L, rowValue["x"]);
        Assert.Equal("five", rowValue["y"]);

        var nulls = result.Rows[1];
        Assert.Null(nulls[0]);
        Assert.True(float.IsNaN((float)nulls[5]!));
        Assert.Equal(double.NegativeInfinity, nulls[6]);
        Assert.Equal("row(x bigint,y varchar(2147483647))", result.Columns[^1].Type.ToString());
        Assert.Equal("timestamp(3) with time zone", result.Columns[16].Type.ToString());
    }

    [Fact]
    public async Task Syntax_error_carries_the_line_and_column_trino_reported()
    {
        Server.Respond("nationkey = = 1", "syntax-error.json");

        var error = await Assert.ThrowsAsync<TrinoQueryException>(
            () => Client().ExecuteAsync("SELECT name FROM \"tpch\".tiny.nation WHERE nationkey = = 1", Alice, default));

        Assert.Equal("SYNTAX_ERROR", error.ErrorName);
        Assert.Equal(1, error.ErrorCode);
        Assert.True(error.IsUserError);
        Assert.Equal(1, error.LineNumber);
        Assert.Equal(55, error.ColumnNumber);
        Assert.StartsWith("line 1:55: mismatched input '='", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_unavailable_is_retried_with_the_same_request()
    {
        Server.Respond("system.runtime.nodes", "nodes-retry.json");

        var result = await Client().ExecuteAsync("SELECT * FROM system.runtime.nodes", Alice, default);

        Assert.Equal(3, result.Rows.Count);
        var gets = Server.Requests.Where(r => r.Method == "GET").Select(r => r.PathAndQuery).ToList();
        // Step 1 answered 503 once, step 2 answered 502 then 504: each URI was asked again until it answered 200.
        Assert.Equal(7, gets.Count);
        Assert.Equal(gets[0], gets[1]);
        Assert.Equal(gets[2], gets[3]);
        Assert.Equal(gets[2], gets[4]);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number_and_report_the_status()
    {
        Server.Respond("system.runtime.nodes", "nodes-retry.json");

        var error = await Assert.ThrowsAsync<TrinoProtocolException>(
            () => Client(maxRetries: 1).ExecuteAsync("SELECT * FROM system.runtime.nodes", Alice, default));

        Assert.Equal(HttpStatusCode.GatewayTimeout, error.StatusCode);
        Assert.Contains("504", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_sends_delete_to_the_current_nextUri()
    {
        Server.Respond("slow", "long-running.json");
        await using var statement = await Client().StartAsync("SELECT /* slow */ count(*) FROM big", Alice, default);
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => statement.ReadPageAsync(soon.Token));

        var delete = Assert.Single(Server.Requests, r => r.Method == "DELETE");
        var lastGet = Server.Requests.Last(r => r.Method == "GET");
        Assert.Equal(lastGet.PathAndQuery, delete.PathAndQuery);
        Assert.Equal("alice", delete.Header("X-Trino-User"));
        Assert.True(statement.IsFinished);
        Assert.Null(await statement.ReadPageAsync(default));
    }

    [Fact]
    public async Task Disposing_an_unfinished_statement_cancels_it_and_a_finished_one_sends_nothing()
    {
        Server.Respond("slow", "long-running.json");
        Server.Respond("system.runtime.nodes", "nodes-paged.json");

        await using (var statement = await Client().StartAsync("SELECT /* slow */ 1", Alice, default))
        {
            Assert.False(statement.IsFinished);
        }
        await Client().ExecuteAsync("SELECT * FROM system.runtime.nodes", Alice, default);

        var delete = Assert.Single(Server.Requests, r => r.Method == "DELETE");
        Assert.StartsWith("/v1/statement/queued/", delete.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_is_not_query_results_is_a_protocol_error()
    {
        var error = await Assert.ThrowsAsync<TrinoProtocolException>(
            () => Client().ExecuteAsync("SELECT 'no recording for this'", Alice, default));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("no recording", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_coordinator_is_a_protocol_error_not_a_hang()
    {
        var port = await AbandonServerPortAsync();
        var client = new TrinoClient(Http, new TrinoClientOptions(new Uri($"http://127.0.0.1:{port}/")));

        var error = await Assert.ThrowsAsync<TrinoProtocolException>(() => client.ExecuteAsync("SELECT 1", Alice, default));

        Assert.Contains("Could not reach Trino", error.Message, StringComparison.Ordinal);
    }
}
