using System.Net.Http.Json;
using TownLake.Catalog.Tests.Governance;

namespace TownLake.Catalog.Tests.Agents;

/// <summary>
/// <c>get_entity_details</c> (and so the MCP dataset resources read through it) over the governed warehouse: a column
/// hidden from the caller is neither listed with its dataset nor answerable on its own.
/// </summary>
public sealed class EntityDetailsGovernanceTests(GovernedWarehouse warehouse) : IClassFixture<GovernedWarehouse>
{
    private const string Customers = "shop.main.customers";

    [Fact]
    public async Task A_dataset_lists_no_column_hidden_from_the_caller()
    {
        // The agent face shows what the caller's queries can see, as list_schema_fields does.
        var analyst = await CallAsync("alice", Customers);

        Assert.Equal(200, analyst.Status);
        Assert.Contains("\"tier\"", analyst.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret_score", analyst.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hidden_column_is_answered_exactly_like_a_missing_one()
    {
        var hidden = await CallAsync("alice", Customers + ".secret_score");
        var missing = await CallAsync("alice", Customers + ".no_such_col");

        Assert.Equal(404, hidden.Status);
        Assert.Equal(404, missing.Status);
        Assert.Equal(missing.Text.Replace("no_such_col", "X"), hidden.Text.Replace("secret_score", "X"));
    }

    private async Task<(int Status, string Text)> CallAsync(string user, string entity)
    {
        using var client = warehouse.ClientFor(user, null);
        using var response = await client.PostAsJsonAsync("/api/agent/get_entity_details", new { entity, budget = 4000 });
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
