using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using TownLake.Catalog.Agents.Audit;
using TownLake.Catalog.Tests.GraphQL;

namespace TownLake.Catalog.Tests.Agents;

/// <summary>The agent tools driven through a real MCP client (the official C# SDK) against the demo warehouse, including the ways agents break.</summary>
public sealed class McpServerTests(DemoCatalogFixture fixture) : IClassFixture<DemoCatalogFixture>
{
    private const string Slow = "SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b";

    [Fact]
    public async Task Tools_are_listed_with_schemas_and_annotations_and_the_server_sends_instructions()
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);

        var tools = await agent.Client.ListToolsAsync();

        Assert.Equal(
            ["cancel_query", "execute", "fetch_results", "forget", "get_data_model", "get_entity_details", "get_lineage", "list_schema_fields", "profile_column", "recall", "remember", "search_datasets", "search_tools", "start_query"],
            tools.Select(t => t.Name).Order());
        Assert.All(tools.Where(t => t.Name is not ("remember" or "forget" or "cancel_query" or "execute")), t => Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint, t.Name));
        Assert.True(tools.Single(t => t.Name == "start_query").ProtocolTool.Annotations!.ReadOnlyHint);
        Assert.True(tools.Single(t => t.Name == "forget").ProtocolTool.Annotations!.DestructiveHint);
        var schema = JsonNode.Parse(tools.Single(t => t.Name == "search_datasets").ProtocolTool.InputSchema.GetRawText())!;
        Assert.Equal("query", schema["required"]![0]!.GetValue<string>());
        Assert.NotNull(schema["properties"]!["query"]!["description"]);
        Assert.NotNull(schema["properties"]!["query"]!["examples"]);
        Assert.Equal(200, schema["properties"]!["budget"]!["minimum"]!.GetValue<int>());
        Assert.Contains("search_datasets", agent.Client.ServerInstructions);
        Assert.Contains("budget", agent.Client.ServerInstructions);
    }

    [Fact]
    public async Task An_agent_finds_a_table_reads_its_columns_and_lineage_and_queries_it()
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);

        var found = await agent.AnswerAsync("search_datasets", new { query = "allocated billing amount per month", limit = 3 });
        var name = found["results"]![0]!["name"]!.GetValue<string>();
        var fields = await agent.AnswerAsync("list_schema_fields", new { dataset = name, filter = "amount" });
        var lineage = await agent.AnswerAsync("get_lineage", new { dataset = name + ".alloc_amount", direction = "upstream" });
        var run = await agent.AnswerAsync("start_query", new { sql = $"SELECT count(*) AS n FROM {name}" });
        var rows = await agent.AnswerAsync("fetch_results", new { id = run["id"]!.GetValue<string>() });

        Assert.Equal("demo.fct.billings_allocated", name);
        Assert.Contains(fields["columns"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "alloc_amount");
        Assert.Contains(lineage["edges"]!.AsArray(), e => e!["from"]!.GetValue<string>() == "demo.raw.billing_line_items.billed_amount" && e["to"]!.GetValue<string>() == "demo.fct.billings_allocated.alloc_amount");
        Assert.Equal("SUCCEEDED", rows["state"]!.GetValue<string>());
        Assert.True(rows["rows"]![0]![0]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Search_cards_name_the_declared_join_between_results()
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);

        var found = await agent.AnswerAsync("search_datasets", new { query = "zones and their accounts", limit = 5 });

        var zones = found["results"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "demo.dim.zones")!;
        Assert.Contains(zones["joins"]!.AsArray(), j => j!["with"]!.GetValue<string>() == "demo.dim.accounts"
            && j["kind"]!.GetValue<string>() == "declared"
            && j["on"]!.GetValue<string>() == "demo.dim.zones.account_id = demo.dim.accounts.account_id");
    }

    [Fact]
    public async Task A_missing_or_wrong_typed_argument_is_an_error_result_naming_it_and_how_to_call()
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);

        var missing = await agent.CallAsync("search_datasets", new { limit = 3 });
        var wrongType = await agent.CallAsync("search_datasets", new { query = "revenue", limit = "ten" });
        var unknown = await agent.CallAsync("list_schema_fields", new { dataset = "demo.dim.accounts", colums = 3 });
        var outOfRange = await agent.CallAsync("search_datasets", new { query = "revenue", budget = 10 });

        Assert.True(missing.IsError);
        Assert.Equal("BAD_USER_INPUT", missing.Code);
        Assert.Contains("'query' is missing", missing.Message);
        Assert.Contains("search_datasets({ query: string", missing.Hint);
        Assert.True(wrongType.IsError);
        Assert.Contains("'limit' must be an integer, but a string was sent (\"ten\")", wrongType.Message);
        Assert.Contains("has no argument 'colums'", unknown.Message);
        Assert.Contains("'budget' is 10; it must be between 200 and 32000", outOfRange.Message);
    }

    [Fact]
    public async Task Bad_sql_and_unknown_datasets_are_refused_at_start_with_the_reason()
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);

        var syntax = await agent.CallAsync("start_query", new { sql = "SELECT plan\nFROM demo.dim.accounts\nWHERE plan = = 'free'" });
        var write = await agent.CallAsync("start_query", new { sql = "DELETE FROM demo.dim.accounts" });
        var unknown = await agent.CallAsync("start_query", new { sql = "SELECT * FROM demo.nope.nothing" });
        var run = await agent.CallAsync("fetch_results", new { id = "no-such-run" });

        Assert.True(syntax.IsError);
        Assert.Equal("BAD_USER_INPUT", syntax.Code);
        Assert.Contains("line 3", syntax.Message);
        Assert.True(write.IsError);
        Assert.Contains("read-only", write.Message);
        Assert.Equal("NOT_FOUND", unknown.Code);
        Assert.Contains("demo.nope.nothing", unknown.Message);
        Assert.Contains("search_datasets", unknown.Hint);
        Assert.Equal("NOT_FOUND", run.Code);
        Assert.Contains("start_query", run.Hint);
    }

    [Fact]
    public async Task A_slow_query_answers_running_within_wait_ms_and_can_be_cancelled()
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);
        var run = await agent.AnswerAsync("start_query", new { sql = Slow });
        var id = run["id"]!.GetValue<string>();

        var started = DateTime.UtcNow;
        var pending = await agent.AnswerAsync("fetch_results", new { id, wait_ms = 300 });
        var waited = DateTime.UtcNow - started;
        var cancelled = await agent.AnswerAsync("cancel_query", new { id });

        Assert.Contains(pending["state"]!.GetValue<string>(), new[] { "QUEUED", "RUNNING" });
        Assert.Contains("still running", pending["hint"]!.GetValue<string>());
        Assert.NotNull(pending["nextCursor"]);
        Assert.True(waited < TimeSpan.FromSeconds(10), $"fetch_results took {waited}");
        Assert.Equal("CANCELLED", cancelled["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_huge_result_is_cut_to_the_budget_and_says_how_to_read_on()
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);
        var columns = string.Join(", ", Enumerable.Range(1, 45).Select(i => $"repeat('it''s \"quoted\" ', 60) || range AS c{i}"));
        var run = await agent.AnswerAsync("start_query", new { sql = $"SELECT {columns} FROM range(3000)" });

        var first = await agent.CallAsync("fetch_results", new { id = run["id"]!.GetValue<string>(), wait_ms = 20_000 });
        for (var attempt = 0; attempt < 6 && first.Json["state"]?.GetValue<string>() is "QUEUED" or "RUNNING"; attempt++)
        {
            first = await agent.CallAsync("fetch_results", new { id = run["id"]!.GetValue<string>(), wait_ms = 20_000 });
        }

        var next = await agent.AnswerAsync("fetch_results", new { id = run["id"]!.GetValue<string>(), cursor = first.Json["nextCursor"]!.GetValue<string>() });

        Assert.False(first.IsError, first.Text);
        Assert.Equal("SUCCEEDED", first.Json["state"]!.GetValue<string>());
        Assert.True(first.Json["truncated"]!.GetValue<bool>());
        Assert.True(first.Json["rows"]!.AsArray().Count >= 1);
        Assert.InRange(Tokens.Count(first.Text), 1, 2000);
        Assert.DoesNotContain("\\u0027", first.Text);
        Assert.DoesNotContain("\\u0022", first.Text);
        Assert.Contains("it's", first.Text);
        Assert.Equal(first.Json["rows"]!.AsArray().Count, next["from"]!.GetValue<int>());
    }

    [Fact]
    public async Task Datasets_are_resources_read_as_their_details()
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);

        var resources = await agent.Client.ListResourcesAsync();
        var templates = await agent.Client.ListResourceTemplatesAsync();
        var read = await agent.Client.ReadResourceAsync("townlake://dataset/demo.dim.zones");

        Assert.Contains(resources, r => r.Uri == "townlake://dataset/demo.dim.accounts");
        Assert.Contains(templates, t => t.UriTemplate == "townlake://dataset/{name}");
        var details = JsonNode.Parse(((TextResourceContents)read.Contents[0]).Text)!;
        Assert.Equal("demo.dim.zones", details["name"]!.GetValue<string>());
        Assert.Contains("zone's DNS name", ((TextResourceContents)read.Contents[0]).Text);
    }

    [Fact]
    public async Task Json_and_mcp_answer_the_same_and_every_call_is_audited_as_the_caller()
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);
        using var http = fixture.Api.CreateClient();

        var viaMcp = await agent.CallAsync("get_entity_details", new { entity = "demo.dim.zones", budget = 600 });
        using var response = await http.PostAsync("/api/agent/get_entity_details", new StringContent("""{"entity": "demo.dim.zones", "budget": 600}""", System.Text.Encoding.UTF8, "application/json"));
        var viaJson = await response.Content.ReadAsStringAsync();
        var audit = await fixture.Api.Services.GetRequiredService<IAgentCallLog>().ListAsync(null, 1000, CancellationToken.None);

        Assert.Equal(viaMcp.Text, viaJson);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains(audit, c => c.Tool == "get_entity_details" && c.Via == "mcp" && c.User == "admin" && c.Outcome == "OK" && c.Arguments.Contains("demo.dim.zones"));
        Assert.Contains(audit, c => c.Tool == "get_entity_details" && c.Via == "json");
    }

    [Fact]
    public async Task Get_entity_details_answers_for_columns_terms_and_unknown_names()
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);

        var column = await agent.AnswerAsync("get_entity_details", new { entity = "demo.dim.zones.account_id" });
        var term = await agent.AnswerAsync("get_entity_details", new { entity = "ARR" });
        var missing = await agent.CallAsync("get_entity_details", new { entity = "demo.nope.nothing" });

        Assert.Equal("column", column["type"]!.GetValue<string>());
        Assert.Equal("references demo.dim.accounts.account_id", column["key"]!.GetValue<string>());
        Assert.Equal("glossaryTerm", term["type"]!.GetValue<string>());
        Assert.Contains("demo.fct.arr_by_account", term["datasets"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("NOT_FOUND", missing.Code);
        Assert.Contains("search_datasets", missing.Hint);
    }
}
