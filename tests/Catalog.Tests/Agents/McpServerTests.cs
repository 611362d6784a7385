using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TownLake.Catalog.Tests.GraphQL;

namespace TownLake.Catalog.Tests.Agents;

/// <summary>An MCP client (the official C# SDK) talking to the service's MCP endpoint over streamable HTTP.</summary>
public sealed class McpServerTests(DemoCatalogFixture fixture) : IClassFixture<DemoCatalogFixture>
{
    private async Task<McpClient> ConnectAsync()
    {
        var http = fixture.Api.CreateClient();
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(http.BaseAddress!, "/mcp") }, http, null, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    private static JsonNode Text(CallToolResult result)
    {
        var text = ((TextContentBlock)result.Content[0]).Text;
        Assert.True(result.IsError != true, text);
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task The_catalog_tools_are_listed()
    {
        await using var client = await ConnectAsync();

        var tools = await client.ListToolsAsync();

        Assert.Equal(["fetch_results", "get_dataset", "get_lineage", "search_datasets", "start_query"], tools.Select(t => t.Name).Order());
    }

    [Fact]
    public async Task An_agent_finds_a_table_reads_its_lineage_and_queries_it()
    {
        await using var client = await ConnectAsync();

        var found = Text(await client.CallToolAsync("search_datasets", new Dictionary<string, object?> { ["query"] = "allocated billing amount per month", ["limit"] = 3 }));
        var name = found["results"]![0]!["dataset"]!["name"]!.GetValue<string>();
        var lineage = Text(await client.CallToolAsync("get_lineage", new Dictionary<string, object?> { ["dataset"] = name, ["direction"] = "upstream", ["columns"] = true }));
        var run = Text(await client.CallToolAsync("start_query", new Dictionary<string, object?> { ["sql"] = $"SELECT count(*) AS n FROM {name}" }));
        var rows = Text(await client.CallToolAsync("fetch_results", new Dictionary<string, object?> { ["id"] = run["id"]!.GetValue<string>() }));

        Assert.Equal("demo.fct.billings_allocated", name);
        Assert.Contains(lineage["edges"]!.AsArray(), e => e!["from"]!.GetValue<string>() == "demo.raw.billing_line_items.billed_amount" && e["to"]!.GetValue<string>() == "demo.fct.billings_allocated.alloc_amount");
        Assert.Equal("SUCCEEDED", rows["run"]!["state"]!.GetValue<string>());
        Assert.True(rows["rows"]!["rows"]![0]![0]!.GetValue<long>() > 0);
    }
}
