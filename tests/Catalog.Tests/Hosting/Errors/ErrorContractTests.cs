using Microsoft.Data.Sqlite;
using TownLake.Catalog.Hosting.Errors;

namespace TownLake.Catalog.Tests.Hosting.Errors;

/// <summary>
/// The one error contract, seen from outside: the same failure answers the same code and message on GraphQL, the agent
/// JSON API, the query API, the lineage API, Marquez's <c>/api/v1</c> and MCP, each in its own shape.
/// </summary>
public sealed class ErrorContractTests : IAsyncLifetime
{
    private const string Unknown = "nowhere.sales.orders";
    private readonly CatalogApiFactory _api = new();
    private ErrorFaces _faces = null!;

    public Task InitializeAsync()
    {
        _faces = new ErrorFaces(_api);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _faces.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task An_unknown_dataset_is_NOT_FOUND_with_one_message_on_every_face()
    {
        var lineage = new[]
        {
            await _faces.GraphQLAsync($$"""{ lineage(urn: "urn:tl:dataset:{{Unknown}}") { root } }"""),
        };

        // The agent tools take names, not URNs, and say so in the name's terms.
        var card = new[]
        {
            await _faces.RestAsync("/api/agent/get_lineage", $$"""{"dataset": "{{Unknown}}"}"""),
            await _faces.McpAsync("get_lineage", new() { ["dataset"] = Unknown }),
            await _faces.RestAsync("/api/agent/list_schema_fields", $$"""{"dataset": "{{Unknown}}"}"""),
            await _faces.McpAsync("list_schema_fields", new() { ["dataset"] = Unknown }),
        };
        var marquez = await _faces.MarquezAsync(HttpMethod.Get, "/api/v1/lineage?nodeId=dataset:nowhere:sales.orders");

        AssertSame(ErrorCodes.NotFound, $"No dataset has URN urn:tl:dataset:{Unknown}.", lineage);
        AssertSame(ErrorCodes.NotFound, $"No dataset is named '{Unknown}'.", card);
        Assert.All(lineage.Concat(card).Where(s => s.Face != "graphql" && s.Status is not null), s => Assert.Equal(404, s.Status));
        Assert.Equal((404, ErrorCodes.NotFound), (marquez.Status!.Value, marquez.Code));
        Assert.Contains("nowhere", marquez.Message);
    }

    [Fact]
    public async Task A_malformed_dataset_name_is_BAD_USER_INPUT_with_one_message_on_every_face()
    {
        var seen = new[]
        {
            await _faces.GraphQLAsync("""{ dataset(name: "nodots") { urn } }"""),
            await _faces.RestAsync("/api/agent/list_schema_fields", """{"dataset": "nodots"}"""),
            await _faces.RestAsync("/api/agent/get_lineage", """{"dataset": "nodots"}"""),
            await _faces.McpAsync("list_schema_fields", new() { ["dataset"] = "nodots" }),
            await _faces.McpAsync("get_lineage", new() { ["dataset"] = "nodots" }),
        };
        var marquez = await _faces.MarquezAsync(HttpMethod.Get, "/api/v1/lineage?nodeId=table:x:y");

        AssertSame(ErrorCodes.BadUserInput, seen[0].Message!, seen);
        Assert.All(seen.Where(s => s.Face.StartsWith("/api", StringComparison.Ordinal)), s => Assert.Equal(400, s.Status));
        Assert.Equal((400, ErrorCodes.BadUserInput), (marquez.Status!.Value, marquez.Code));
    }

    [Fact]
    public async Task An_empty_query_is_refused_with_one_code_and_message_on_every_face()
    {
        var seen = new[]
        {
            await _faces.GraphQLAsync("""mutation { startQuery(sql: " ") { id } }"""),
            await _faces.RestAsync("/api/agent/start_query", """{"sql": " "}"""),
            await _faces.McpAsync("start_query", new() { ["sql"] = " " }),
        };

        AssertSame(ErrorCodes.BadUserInput, seen[0].Message!, seen);
        Assert.Contains("empty", seen[0].Message);
        Assert.Equal(400, seen[1].Status);
    }

    [Fact]
    public async Task An_unknown_query_run_is_NOT_FOUND_with_one_message_on_the_query_API_and_MCP()
    {
        var seen = new[]
        {
            await _faces.RestAsync("/api/agent/fetch_results", """{"id": "no-such-run"}"""),
            await _faces.McpAsync("fetch_results", new() { ["id"] = "no-such-run" }),
        };

        AssertSame(ErrorCodes.NotFound, "No query run 'no-such-run': it is unknown, not yours, or expired.", seen);
        Assert.Equal(404, seen[0].Status);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"dataset": "a.b.c",""")]
    public async Task Malformed_JSON_is_a_400_BAD_REQUEST_with_one_message_on_every_face(string body)
    {
        var seen = new[]
        {
            await _faces.GraphQLRawAsync(body),
            await _faces.RestAsync("/api/agent/list_schema_fields", body),
            await _faces.RestAsync("/api/agent/start_query", body),
            await _faces.RestAsync("/api/agent/get_lineage", body),
            await _faces.RestAsync("/api/v1/dbt/manifest", body),
            await _faces.MarquezAsync(HttpMethod.Post, "/api/v1/lineage", body),
        };

        AssertSame(ErrorCodes.BadRequest, seen[0].Message!, seen);
        Assert.All(seen, s => Assert.Equal(400, s.Status));
        Assert.StartsWith("The body is not valid JSON", seen[0].Message);
    }

    [Fact]
    public async Task A_body_of_the_wrong_shape_names_where_it_is_wrong_without_NET_type_names()
    {
        var seen = await _faces.RestAsync("/api/agent/fetch_results", """{"id": "x", "wait_ms": "many"}""");

        Assert.Equal((400, ErrorCodes.BadUserInput), (seen.Status!.Value, seen.Code));
        Assert.Contains("'wait_ms' must be an integer", seen.Message);
        Assert.DoesNotContain("System.", seen.Message);
        Assert.DoesNotContain("TownLake.", seen.Message);
    }

    [Fact]
    public async Task A_bad_query_string_value_is_a_400_in_Marquez_shape()
    {
        var seen = await _faces.MarquezAsync(HttpMethod.Get, "/api/v1/lineage?nodeId=dataset:a:b.c&depth=deep");

        Assert.Equal((400, ErrorCodes.BadRequest), (seen.Status!.Value, seen.Code));
        Assert.Contains("depth", seen.Message);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_media_is_a_415_on_the_agent_API()
    {
        var seen = await _faces.RestAsync("/api/agent/list_schema_fields", """{"dataset": "a.b.c"}""", "text/plain");

        Assert.Equal((415, ErrorCodes.UnsupportedMediaType), (seen.Status!.Value, seen.Code));
    }

    [Fact]
    public async Task An_unknown_API_route_is_NOT_FOUND_in_the_shape_of_its_face()
    {
        var rest = await _faces.RestAsync("/api/agent/no_such_tool/extra", "{}");
        var mcpGet = await _faces.GetAsync("/mcp/" + new string('x', 5_000));
        var marquez = await _faces.MarquezAsync(HttpMethod.Get, "/api/v1/no-such-resource");

        Assert.Equal((404, ErrorCodes.NotFound), (rest.Status!.Value, rest.Code));
        Assert.Equal((404, ErrorCodes.NotFound), (mcpGet.Status!.Value, mcpGet.Code));
        Assert.True(mcpGet.Message!.Length < 400, "an oversized path is not echoed whole: " + mcpGet.Message.Length);
        Assert.Equal((404, ErrorCodes.NotFound), (marquez.Status!.Value, marquez.Code));
    }

    [Fact]
    public async Task A_broken_store_is_a_500_that_names_nothing_internal_on_every_face()
    {
        await using var api = new CatalogApiFactory();
        await api.DataAsync("""mutation { upsertDataset(input: { name: "a.b.c" }) { urn } }""");
        BreakStore(api.DataDirectory);

        await BrokenStore.AssertInternalOnEveryFaceAsync(api);
    }

    /// <summary>Drops the store's tables under the running service: every read fails with SQLite's own error.</summary>
    private static void BreakStore(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "catalog.db")};Pooling=False");
        connection.Open();
        using var drop = connection.CreateCommand();
        drop.CommandText = BrokenStore.DropTables;
        drop.ExecuteNonQuery();
    }

    internal static void AssertSame(string code, string message, IReadOnlyList<SeenError> seen)
    {
        var report = string.Join("\n", seen.Select(s => $"  {s.Face}: {s.Status} {s.Code} {s.Message}"));
        Assert.True(seen.All(s => s.Code == code && s.Message == message), $"expected {code} '{message}' everywhere, got:\n{report}");
    }
}
