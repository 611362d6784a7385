namespace TownLake.Catalog.Tests.Discovery;

/// <summary>
/// Each ranking signal the catalog derives (curated and internal tags, deprecation, scratch tag and scratch schema)
/// decides the order of two datasets equal in everything else: same table name and columns, schema names of the same
/// length. The dataset the signal favours has the later name, so without the signal the tie goes the other way; the
/// control case checks that tie-break, and each signal case fails when its weight is neutralised.
/// </summary>
public sealed class SearchSignalTests : IAsyncLifetime
{
    private const string Favoured = "wh.team_b.customer_orders";
    private const string Other = "wh.team_a.customer_orders";
    private readonly CatalogApiFactory _api = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Theory]
    [InlineData("none", Other, Favoured)]
    [InlineData("curated tag", Favoured, Other)]
    [InlineData("deprecated", Favoured, Other)]
    [InlineData("scratch tag", Favoured, Other)]
    [InlineData("internal tag", Favoured, Other)]
    public async Task Search_orders_two_identical_datasets_by_their_one_different_signal(string signal, string first, string second)
    {
        await UpsertAsync(Other);
        await UpsertAsync(Favoured);
        switch (signal)
        {
            case "curated tag":
                await TagAsync(Favoured, "curated");
                break;
            case "deprecated":
                await _api.DataAsync("mutation($u: ID!) { deprecate(urn: $u, deprecated: true) { urn } }", new { u = Urn(Other) });
                break;
            case "scratch tag":
                await TagAsync(Other, "scratch");
                break;
            case "internal tag":
                await TagAsync(Other, "internal");
                break;
        }

        var names = await RankedAsync(expectedFirst: first);

        Assert.Equal([first, second], names);
    }

    [Fact]
    public async Task A_scratch_schema_ranks_below_a_regular_one_of_the_same_length()
    {
        // "scratch" and "summary" have seven letters each; without the signal the scratch schema would win the tie by name.
        await UpsertAsync("wh.summary.customer_orders");
        await UpsertAsync("wh.scratch.customer_orders");

        var names = await RankedAsync(expectedFirst: "wh.summary.customer_orders");

        Assert.Equal(["wh.summary.customer_orders", "wh.scratch.customer_orders"], names);
    }

    private static string Urn(string name) => "urn:tl:dataset:" + name;

    private Task UpsertAsync(string name) => _api.DataAsync(
        """mutation($n: String!) { upsertDataset(input: { name: $n, columns: [{ name: "order_id" }, { name: "customer_id" }, { name: "order_total" }] }) { urn } }""",
        new { n = name });

    private Task TagAsync(string name, string tag) =>
        _api.DataAsync("mutation($u: ID!, $t: [String!]!) { addTags(urn: $u, tags: $t) { urn } }", new { u = Urn(name), t = new[] { tag } });

    /// <summary>The two datasets' order once both (and the last signal change) are searchable, or as last seen after 15 s.</summary>
    private async Task<List<string>> RankedAsync(string expectedFirst)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var data = await _api.DataAsync("""{ search(query: "customer orders", first: 10) { results { entity { name } } } }""");
            var names = data["search"]!["results"]!.AsArray().Select(r => r!["entity"]!["name"]!.GetValue<string>()).ToList();
            if ((names.Count == 2 && names[0] == expectedFirst) || DateTime.UtcNow > deadline)
            {
                return names;
            }

            await Task.Delay(50);
        }
    }
}
