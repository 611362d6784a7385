using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Agents.Audit;
using TownLake.Catalog.Demo;
using TownLake.Catalog.Tests.GraphQL;
using TownLake.Catalog.Tests.QueryFront;

namespace TownLake.Catalog.Tests.Agents;

/// <summary>Code Mode through the MCP client: a multi-step question in one execute call, and hostile scripts stopped while the service stays healthy.</summary>
public sealed class CodeModeTests(DemoCatalogFixture fixture) : IClassFixture<DemoCatalogFixture>
{
    private const string ArrScript = """
        const found = await townlake.search_datasets({ query: "annual recurring revenue per account", limit: 3 });
        const arrTable = found.results.find(r => r.columns.some(c => c.name === "arr")).name;
        const run = await townlake.start_query({ sql: `SELECT account_id, account_name, arr FROM ${arrTable} WHERE plan = 'enterprise' ORDER BY arr DESC, account_id LIMIT 5` });
        const top = await townlake.fetch_results({ id: run.id, wait_ms: 20000 });
        const ids = top.rows.map(r => r[0]).join(", ");
        const zonesRun = await townlake.start_query({ sql: `SELECT account_id, min(zone_name) AS zone FROM demo.dim.zones WHERE account_id IN (${ids}) GROUP BY account_id` });
        const zones = await townlake.fetch_results({ id: zonesRun.id, wait_ms: 20000 });
        const zoneOf = Object.fromEntries(zones.rows.map(r => [r[0], r[1]]));
        return top.rows.map(r => ({ account: r[1], arr: r[2], zone: zoneOf[r[0]] ?? null }));
        """;

    [Fact]
    public async Task One_execute_call_answers_the_arr_of_the_five_largest_enterprise_accounts_and_their_zone()
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);

        var answer = await agent.AnswerAsync("execute", new { script = ArrScript, budget = 4000 });

        var expected = QueryApiClient.DuckDbRows(fixture.Api.Services.GetRequiredService<DemoWarehouse>().DatabasePath, """
            SELECT a.account_name, a.arr, (SELECT min(zone_name) FROM demo.dim.zones z WHERE z.account_id = a.account_id)
            FROM demo.fct.arr_by_account a WHERE a.plan = 'enterprise' ORDER BY a.arr DESC, a.account_id LIMIT 5
            """);
        var result = answer["result"]!.AsArray();
        Assert.Equal(5, result.Count);
        Assert.Equal(expected, result.Select(r => new JsonArray(r!["account"]!.DeepClone(), r["arr"]!.DeepClone(), r["zone"]?.DeepClone()).ToJsonString()));
        Assert.Equal(5, answer["toolCalls"]!.GetValue<int>()); // search, start, fetch, start, fetch
        var audit = await fixture.Api.Services.GetRequiredService<IAgentCallLog>().ListAsync(null, 1000, CancellationToken.None);
        var execute = audit.First(c => c.Tool == "execute" && c.Arguments.Contains("annual recurring revenue"));
        Assert.Contains("ORDER BY arr DESC, account_id LIMIT 5", execute.Arguments);
        Assert.Equal(5, audit.Count(c => c.ParentId == execute.Id && c.Via == "code" && c.User == "admin"));
    }

    [Theory]
    [InlineData("while (true) {}", "SCRIPT_LIMIT_EXCEEDED", "statements")]
    [InlineData("const a = []; while (true) { a.push(new Array(1000).fill('xxxxxxxxxxxxxxxx')); }", "SCRIPT_LIMIT_EXCEEDED", "")]
    [InlineData("return 'x'.repeat(1e9).length;", "SCRIPT_FAILED", "repeat would build a string")]
    [InlineData("const f = n => f(n + 1); return f(0);", "SCRIPT_LIMIT_EXCEEDED", "nested calls")]
    [InlineData("return require('fs').readFileSync('/etc/passwd', 'utf8');", "SCRIPT_FAILED", "require is not defined")]
    [InlineData("return await fetch('http://example.com');", "SCRIPT_FAILED", "fetch is not defined")]
    [InlineData("return System.IO.File.ReadAllText('/etc/passwd');", "SCRIPT_FAILED", "System is not defined")]
    [InlineData("return importNamespace('System.IO');", "SCRIPT_FAILED", "importNamespace is not defined")]
    [InlineData("return new Function('return 1')();", "SCRIPT_FAILED", "")]
    [InlineData("return eval('1 + 1');", "SCRIPT_FAILED", "")]
    [InlineData("return process.env;", "SCRIPT_FAILED", "process is not defined")]
    [InlineData("for (let i = 0; i < 60; i++) { await townlake.search_tools({}); } return 1;", "SCRIPT_FAILED", "")]
    [InlineData("return (", "SCRIPT_FAILED", "")]
    public async Task A_hostile_script_is_stopped_with_a_clear_error_and_the_service_stays_healthy(string script, string code, string says)
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);

        var outcome = await agent.CallAsync("execute", new { script });
        using var http = fixture.Api.CreateClient();
        using var health = await http.GetAsync("/healthz");
        var after = await agent.AnswerAsync("search_datasets", new { query = "accounts", limit = 1 });

        Assert.True(outcome.IsError, outcome.Text);
        Assert.Equal(code, outcome.Code);
        Assert.Contains(says, outcome.Message);
        Assert.False(string.IsNullOrEmpty(outcome.Hint));
        Assert.True(health.IsSuccessStatusCode);
        Assert.NotEmpty(after["results"]!.AsArray());
    }

    [Fact]
    public async Task A_tool_error_inside_a_script_can_be_caught_by_the_script()
    {
        await using var agent = await AgentMcpClient.ConnectAsync(fixture.Api);

        var answer = await agent.AnswerAsync("execute", new { script = "try { await townlake.start_query({ sql: 'DELETE FROM demo.dim.accounts' }); } catch (e) { return { code: e.code, message: e.message }; }" });

        Assert.Equal("BAD_USER_INPUT", answer["result"]!["code"]!.GetValue<string>());
        Assert.Contains("read-only", answer["result"]!["message"]!.GetValue<string>());
    }
}
