using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Documentation;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Tests.Agents;

/// <summary>
/// Every tool over the demo warehouse plus a generated wide (300 columns, long descriptions) and long (400 datasets)
/// catalog: no answer exceeds its budget, counted with the same tokenizer, at small, medium and default budgets.
/// </summary>
public sealed class AgentBudgetTests : IAsyncLifetime
{
    private static readonly Caller Admin = new("budget-tester", ["admins"], true, true);
    // The generated catalog "gen" is opened on purpose (approved without review), so its columns are visible to tools.
    private readonly CatalogApiFactory _api = new(demo: true, settings: new Dictionary<string, string?> { ["TownLake:Governance:OpenConnections"] = "gen" });

    public async Task InitializeAsync()
    {
        _api.CreateClient().Dispose();
        var datasets = _api.Services.GetRequiredService<DatasetService>();
        var longText = string.Join(' ', Enumerable.Repeat("It's the \"billing\" amount, allocated per product and month;", 40));
        await datasets.UpsertAsync(new DatasetUpsert
        {
            Name = "gen.wide.t300",
            Description = "A very wide billing table. " + longText,
            Columns = Enumerable.Range(1, 300).Select(i => new ColumnUpsert { Name = $"col_{i:000}_billing_amount", Type = "DECIMAL(18,2)", Description = longText, IsPrimaryKey = i == 1 }).ToList(),
        }, Admin, CancellationToken.None);
        await datasets.UpsertManyAsync(Enumerable.Range(1, 400).Select(i => new DatasetUpsert
        {
            Name = $"gen.long.billing_{i:000}",
            Description = $"Billing extract {i}. " + longText,
            Columns = [new ColumnUpsert { Name = "account_id", Type = "BIGINT" }, new ColumnUpsert { Name = "billing_amount", Type = "DOUBLE", Description = longText }],
        }).ToList(), Admin, CancellationToken.None);
        // A profile with long values and many of them, as a JSON or free-text column would have.
        var wide = await datasets.GetByNameAsync("gen.wide.t300", CancellationToken.None);
        await _api.Services.GetRequiredService<TownLake.Catalog.Profiles.IProfileStore>().SaveProfileAsync(new TownLake.Catalog.Profiles.DatasetProfile(
            wide.Urn, 1_000_000, DateTimeOffset.UtcNow, true, 10_000, null, null,
            [new TownLake.Catalog.Profiles.ColumnProfile("col_150_billing_amount", 0, 0, 10_000, true, longText, longText, null, null, 10, 3_000, 900,
                Enumerable.Range(0, 100).Select(i => new TownLake.Catalog.Profiles.ValueCount($"{i} {longText}", 100 - i)).ToList(),
                Enumerable.Range(0, 50).Select(i => new TownLake.Catalog.Profiles.HistogramBin($"{i} {longText}", $"{i + 1} {longText}", i)).ToList())]), CancellationToken.None);
        await _api.Services.GetRequiredService<DocumentService>().UpsertAsync("Billing data model", string.Join("\n\n", Enumerable.Repeat("## Billing\n" + longText, 60)), ["demo.fct.billings_allocated"], Admin, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task No_tool_answer_exceeds_its_budget()
    {
        using var http = _api.CreateClient();
        var run = await PostAsync(http, "start_query", new JsonObject { ["sql"] = "SELECT *, repeat('wide value ', 400) AS blob FROM demo.dim.accounts" });
        var note = await PostAsync(http, "remember", new JsonObject { ["fact"] = "billing amount: " + new string('x', 1900), ["about"] = new JsonArray("gen.wide.t300") });
        Assert.NotNull(note["remembered"]);
        var calls = new (string Tool, JsonObject Arguments)[]
        {
            ("search_datasets", new() { ["query"] = "billing amount per product", ["limit"] = 25 }),
            ("search_datasets", new() { ["query"] = "wide billing table" }),
            ("get_entity_details", new() { ["entity"] = "gen.wide.t300" }),
            ("get_entity_details", new() { ["entity"] = "gen.wide.t300.col_150_billing_amount" }),
            ("get_entity_details", new() { ["entity"] = "Billing data model" }),
            ("get_entity_details", new() { ["entity"] = "demo.fct.billings_allocated" }),
            ("get_entity_details", new() { ["entity"] = "ARR" }),
            ("list_schema_fields", new() { ["dataset"] = "gen.wide.t300" }),
            ("list_schema_fields", new() { ["dataset"] = "gen.wide.t300", ["filter"] = "billing" }),
            ("profile_column", new() { ["dataset"] = "gen.wide.t300", ["column"] = "col_150_billing_amount" }),
            ("get_lineage", new() { ["dataset"] = "demo.fct.billings_allocated", ["columns"] = true, ["depth"] = 10 }),
            ("get_data_model", new() { ["topic"] = "Billing data model" }),
            ("fetch_results", new() { ["id"] = run["id"]!.GetValue<string>(), ["wait_ms"] = 20_000 }),
            ("recall", new() { ["query"] = "billing amount" }),
            ("search_tools", new()),
            ("execute", new() { ["script"] = "return Array.from({ length: 3000 }, (_, i) => ({ i, text: 'long text '.repeat(30) }));" }),
        };

        foreach (var budget in new[] { 200, 500, 2000 })
        {
            foreach (var (tool, arguments) in calls)
            {
                var sent = (JsonObject)arguments.DeepClone();
                sent["budget"] = budget;
                using var response = await http.PostAsJsonAsync("/api/agent/" + tool, sent);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, $"{tool} at {budget}: {text}");
                var tokens = Tokens.Count(text);
                Assert.True(tokens <= budget, $"{tool} answered {tokens} tokens over a budget of {budget}: {text[..Math.Min(text.Length, 400)]}");
            }
        }

        var wide = await PostAsync(http, "get_entity_details", new JsonObject { ["entity"] = "gen.wide.t300", ["budget"] = 2000 });
        Assert.Equal(300, wide["columnCount"]!.GetValue<int>());
        Assert.True(wide["columnsOmitted"]!.GetValue<int>() > 0);
        Assert.Contains("list_schema_fields", wide["hint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Paging_a_300_column_table_within_a_budget_reaches_every_column_once()
    {
        using var http = _api.CreateClient();
        var seen = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 300; page++)
        {
            var arguments = new JsonObject { ["dataset"] = "gen.wide.t300", ["budget"] = 1000 };
            if (cursor is not null)
            {
                arguments["cursor"] = cursor;
            }

            var answer = await PostAsync(http, "list_schema_fields", arguments);
            seen.AddRange(answer["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
            cursor = answer["nextCursor"]?.GetValue<string>();
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"col_{i:000}_billing_amount"), seen);
    }

    [Fact]
    public async Task A_forged_cursor_is_refused_with_what_to_do()
    {
        using var http = _api.CreateClient();
        using var response = await http.PostAsJsonAsync("/api/agent/list_schema_fields", new { dataset = "gen.wide.t300", cursor = "999" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("nextCursor", body["error"]!["hint"]!.GetValue<string>());
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string tool, JsonObject arguments)
    {
        using var response = await http.PostAsJsonAsync("/api/agent/" + tool, arguments);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{tool}: {text}");
        return JsonNode.Parse(text)!;
    }
}
