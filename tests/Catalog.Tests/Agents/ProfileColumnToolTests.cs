using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TownLake.Catalog.Tests.Governance;

namespace TownLake.Catalog.Tests.Agents;

/// <summary>
/// <c>profile_column</c> over the governed warehouse: statistics within the budget, personal data's values redacted,
/// a column hidden by governance answered exactly like a missing one, and bad arguments named.
/// </summary>
public sealed class ProfileColumnToolTests(GovernedWarehouse warehouse) : IClassFixture<GovernedWarehouse>, IAsyncLifetime
{
    private const string Customers = "shop.main.customers";

    public async Task InitializeAsync()
    {
        using var root = warehouse.ClientFor("root", "admins");
        await warehouse.Api.DataAsync($$"""mutation { profileDataset(name: "{{Customers}}") { rowCount } }""", client: root);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_agent_reads_a_columns_top_values_and_counts()
    {
        var (status, answer) = await CallAsync("alice", new { dataset = Customers, column = "tier" });

        Assert.Equal(200, status);
        Assert.Equal(20, (long)answer["rows"]!);
        Assert.Equal(3, (long)answer["distinctCount"]!);
        Assert.Equal(0, (long)answer["nullCount"]!);
        Assert.Equal(["tier0", "tier1", "tier2"], answer["topValues"]!.AsArray().Select(v => (string)v!["value"]!).Order());
        Assert.Null(answer["redacted"]);
    }

    [Fact]
    public async Task Personal_data_values_are_redacted_for_an_analyst_but_counts_and_lengths_stay()
    {
        var (status, answer) = await CallAsync("alice", new { dataset = Customers, column = "email" });

        Assert.Equal(200, status);
        Assert.True((bool)answer["redacted"]!);
        Assert.Null(answer["topValues"]);
        Assert.Null(answer["min"]);
        Assert.Null(answer["max"]);
        Assert.Equal(20, (long)answer["distinctCount"]!);
        Assert.NotNull(answer["maxLength"]);
        Assert.DoesNotContain("@example.com", answer.ToJsonString());
    }

    [Fact]
    public async Task A_column_hidden_by_governance_is_answered_exactly_like_a_missing_one()
    {
        var hidden = await CallTextAsync("alice", new { dataset = Customers, column = "secret_score" });
        var missing = await CallTextAsync("alice", new { dataset = Customers, column = "no_such_col" });

        Assert.Equal(404, hidden.Status);
        Assert.Equal(404, missing.Status);
        Assert.Equal(missing.Text.Replace("no_such_col", "X"), hidden.Text.Replace("secret_score", "X"));
        Assert.DoesNotContain("review", hidden.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_answer_fits_a_small_budget()
    {
        foreach (var column in new[] { "id", "email", "tier" })
        {
            var (status, text) = await CallTextAsync("root", new { dataset = Customers, column, budget = 200 }, "admins");

            Assert.Equal(200, status);
            Assert.True(Tokens.Count(text) <= 200, text);
        }
    }

    [Theory]
    [InlineData("{\"dataset\":\"shop.main.customers\"}", "'column'")]
    [InlineData("{\"column\":\"tier\"}", "'dataset'")]
    [InlineData("{\"dataset\":\"shop.main.customers\",\"column\":42}", "'column'")]
    public async Task A_missing_or_wrong_typed_argument_is_named(string body, string named)
    {
        using var alice = warehouse.ClientFor("alice");
        using var response = await alice.PostAsync("/api/agent/profile_column", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(named, text);
    }

    [Fact]
    public async Task An_unknown_dataset_or_an_oversized_column_name_is_a_clear_error()
    {
        var unknown = await CallTextAsync("alice", new { dataset = "shop.main.nope", column = "tier" });
        var huge = await CallTextAsync("alice", new { dataset = Customers, column = new string('c', 100_000) });

        Assert.Equal(404, unknown.Status);
        Assert.Equal(400, huge.Status);
        Assert.True(huge.Text.Length < 2_000);
    }

    private async Task<(int Status, JsonNode Answer)> CallAsync(string user, object arguments)
    {
        var (status, text) = await CallTextAsync(user, arguments);
        return (status, JsonNode.Parse(text)!);
    }

    private async Task<(int Status, string Text)> CallTextAsync(string user, object arguments, string? groups = null)
    {
        using var client = warehouse.ClientFor(user, groups);
        using var response = await client.PostAsJsonAsync("/api/agent/profile_column", arguments);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
