using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Lineage;

namespace TownLake.Catalog.Tests.Lineage;

/// <summary>Walks over a graph built for the test: cycles end, caps truncate, impact names owners, paths are shortest.</summary>
public sealed class LineageTraversalTests : IAsyncLifetime
{
    private readonly CatalogApiFactory _api = new();

    public async Task InitializeAsync()
    {
        // a → b → c → a (a cycle), c → d, d.total ← c.amount ← b.amount ← a.amount
        foreach (var (name, owner) in new[] { ("t.s.a", "ann"), ("t.s.b", "bob"), ("t.s.c", "cy"), ("t.s.d", "dee") })
        {
            await LineageTestData.UpsertDatasetAsync(_api, name, ["id", "amount", "total"], owner);
        }

        await Edges(("t.s.a", "t.s.b"), ("t.s.b", "t.s.c"), ("t.s.c", "t.s.a"), ("t.s.c", "t.s.d"));
        await _api.Services.GetRequiredService<ILineageStore>().UpsertLineageAsync(
        [
            Column("t.s.a", "amount", "t.s.b", "amount"),
            Column("t.s.b", "amount", "t.s.c", "amount"),
            Column("t.s.c", "amount", "t.s.d", "total"),
        ], CancellationToken.None);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Walk_around_a_cycle_ends_and_reports_each_dataset_once_at_its_least_depth()
    {
        var data = await _api.DataAsync("""{ lineage(urn: "urn:tl:dataset:t.s.a", direction: DOWNSTREAM, depth: 20) { nodes { name depth } edges { upstream downstream } truncated } }""");
        var nodes = data["lineage"]!["nodes"]!.AsArray().ToDictionary(n => (string)n!["name"]!, n => (int)n!["depth"]!);
        Assert.Equal(new Dictionary<string, int> { ["t.s.a"] = 0, ["t.s.b"] = 1, ["t.s.c"] = 2, ["t.s.d"] = 3 }, nodes);
        Assert.False((bool)data["lineage"]!["truncated"]!);
        Assert.Equal(4, data["lineage"]!["edges"]!.AsArray().Count);
    }

    [Fact]
    public async Task Node_cap_truncates_the_walk()
    {
        var data = await _api.DataAsync("""{ lineage(urn: "urn:tl:dataset:t.s.a", direction: DOWNSTREAM, depth: 20, maxNodes: 2) { nodes { name } truncated } }""");
        Assert.Equal(2, data["lineage"]!["nodes"]!.AsArray().Count);
        Assert.True((bool)data["lineage"]!["truncated"]!);
    }

    [Fact]
    public async Task Column_impact_lists_every_affected_downstream_column_with_owners()
    {
        var data = await _api.DataAsync("""{ impact(urn: "urn:tl:dataset:t.s.a", column: "amount") { dataset { name } column depth owners { name } } }""");
        var items = data["impact"]!.AsArray().Select(i => ((string)i!["dataset"]!["name"]!, (string?)i["column"], (int)i["depth"]!, (string)i["owners"]![0]!["name"]!)).ToList();
        Assert.Equal([("t.s.b", "amount", 1, "bob"), ("t.s.c", "amount", 2, "cy"), ("t.s.d", "total", 3, "dee")], items);

        var datasets = await _api.DataAsync("""{ impact(urn: "urn:tl:dataset:t.s.c", depth: 1) { dataset { name } depth } }""");
        Assert.Equal(["t.s.a", "t.s.d"], datasets["impact"]!.AsArray().Select(i => (string)i!["dataset"]!["name"]!).Order());
    }

    [Fact]
    public async Task Path_follows_edges_in_either_direction_and_is_null_when_unconnected()
    {
        var data = await _api.DataAsync("""{ down: lineagePath(from: "urn:tl:dataset:t.s.a", to: "urn:tl:dataset:t.s.d") { upstream downstream } up: lineagePath(from: "urn:tl:dataset:t.s.d", to: "urn:tl:dataset:t.s.b") { upstream downstream } }""");
        Assert.Equal(["urn:tl:dataset:t.s.a>urn:tl:dataset:t.s.b", "urn:tl:dataset:t.s.b>urn:tl:dataset:t.s.c", "urn:tl:dataset:t.s.c>urn:tl:dataset:t.s.d"],
            data["down"]!.AsArray().Select(e => $"{e!["upstream"]}>{e["downstream"]}"));
        Assert.Equal(2, data["up"]!.AsArray().Count);

        await LineageTestData.UpsertDatasetAsync(_api, "t.s.lonely", ["id"]);
        var none = await _api.DataAsync("""{ lineagePath(from: "urn:tl:dataset:t.s.a", to: "urn:tl:dataset:t.s.lonely") { upstream } }""");
        Assert.Null(none["lineagePath"]);
    }

    [Fact]
    public async Task Bad_traversal_input_gets_error_codes()
    {
        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(await _api.GraphQLAsync("""{ lineage(urn: "urn:tl:dataset:t.s.a", depth: -1) { truncated } }""")));
        Assert.Equal("BAD_USER_INPUT", CatalogApiFactory.ErrorCode(await _api.GraphQLAsync("""{ lineage(urn: "not-a-urn") { truncated } }""")));
        Assert.Equal("NOT_FOUND", CatalogApiFactory.ErrorCode(await _api.GraphQLAsync("""{ lineage(urn: "urn:tl:dataset:t.s.nothing") { truncated } }""")));
        Assert.Equal("NOT_FOUND", CatalogApiFactory.ErrorCode(await _api.GraphQLAsync("""{ impact(urn: "urn:tl:dataset:t.s.a", column: "nope") { depth } }""")));
    }

    [Fact]
    public async Task In_memory_walk_agrees_with_the_recursive_cte()
    {
        var store = _api.Services.GetRequiredService<ILineageStore>();
        var snapshot = await _api.Services.GetRequiredService<LineageIndex>().GetAsync(CancellationToken.None);
        foreach (var direction in Enum.GetValues<LineageDirection>())
        {
            var cte = await store.WalkLineageAsync("urn:tl:dataset:t.s.b", direction, 5, 100, CancellationToken.None);
            var memory = snapshot.Walk("urn:tl:dataset:t.s.b", direction, 5, 100);
            Assert.Equal(cte.Depths.OrderBy(p => p.Key), memory.Depths.OrderBy(p => p.Key));
        }
    }

    private async Task Edges(params (string Up, string Down)[] edges) =>
        await _api.Services.GetRequiredService<ILineageStore>().UpsertLineageAsync(
            edges.Select(e => new LineageEdge { UpstreamUrn = LineageTestData.DatasetUrn(e.Up), DownstreamUrn = LineageTestData.DatasetUrn(e.Down), Origin = "manual" }).ToList(),
            CancellationToken.None);

    private static LineageEdge Column(string up, string upColumn, string down, string downColumn) => new()
    {
        UpstreamUrn = LineageTestData.DatasetUrn(up),
        UpstreamColumn = upColumn,
        DownstreamUrn = LineageTestData.DatasetUrn(down),
        DownstreamColumn = downColumn,
        Origin = "manual",
        Transformation = "DIRECT/IDENTITY",
    };
}
