using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>What every <see cref="ILineageStore"/> must do: idempotent edge writes, cycle-safe walks, every write in the change log.</summary>
public abstract class LineageStoreContract(IStoreDatabase database) : StoreContract(database)
{
    [SkippableFact]
    public async Task Every_lineage_write_logs_its_downstream_datasets_and_edges_stream_back()
    {
        await Lineage.UpsertLineageAsync([Edge("demo.a.x", "demo.a.y", "id", "id"), Edge("demo.a.w", "demo.a.v")], None);
        var afterUpsert = await ChangeLog.GetHeadAsync(None);
        await Lineage.ReplaceLineageAsync(DatasetUrn("demo.a.y"), "sql", null, [], None);
        await Lineage.UpsertLineageAsync([Edge("demo.a.x", "demo.a.z")], None);
        var streamed = new List<LineageEdge>();
        await foreach (var edge in Lineage.StreamLineageEdgesAsync(None))
        {
            streamed.Add(edge);
        }

        var logged = await ChangeLog.ReadAfterAsync(0, 100, None);
        Assert.Equal(2, afterUpsert);
        Assert.All(logged, e => Assert.Equal("lineage", e.Kind));
        Assert.Equal(["demo.a.y", "demo.a.v", "demo.a.y", "demo.a.z"], logged.Select(e => Urn.DatasetNameOf(e.Key).ToString()));
        Assert.Equal(
            [("urn:tl:dataset:demo.a.w", "urn:tl:dataset:demo.a.v"), ("urn:tl:dataset:demo.a.x", "urn:tl:dataset:demo.a.z")],
            streamed.Select(e => (e.UpstreamUrn, e.DownstreamUrn)).Order());
    }

    [SkippableFact]
    public async Task Replacing_lineage_twice_keeps_one_copy_of_each_edge()
    {
        var downstream = DatasetUrn("demo.fct.b");
        var edges = new[] { Edge("demo.raw.a", "demo.fct.b", "amount", "alloc_amount") with { Transformation = "DIRECT/TRANSFORMATION", Expression = "amount / 12" } };

        await Lineage.ReplaceLineageAsync(downstream, "sql", null, edges, None);
        await Lineage.ReplaceLineageAsync(downstream, "sql", null, edges, None);

        var upstream = await Lineage.GetLineageEdgesAsync(downstream, LineageDirection.Upstream, None);
        Assert.Equal(2, upstream.Count);
        Assert.Single(upstream, e => !e.IsColumnEdge);
        var column = Assert.Single(upstream, e => e.IsColumnEdge);
        Assert.Equal("amount / 12", column.Expression);
    }

    [SkippableFact]
    public async Task Replacing_lineage_drops_edges_the_new_version_no_longer_has()
    {
        var downstream = DatasetUrn("demo.fct.b");
        await Lineage.ReplaceLineageAsync(downstream, "sql", null, [Edge("demo.raw.a", "demo.fct.b"), Edge("demo.raw.old", "demo.fct.b")], None);
        await Lineage.ReplaceLineageAsync(downstream, "sql", null, [Edge("demo.raw.a", "demo.fct.b")], None);
        await Lineage.ReplaceLineageAsync(downstream, "manual", null, [Edge("demo.raw.m", "demo.fct.b", origin: "manual")], None);

        var upstream = await Lineage.GetLineageEdgesAsync(downstream, LineageDirection.Upstream, None);

        Assert.Equal(["demo.raw.a", "demo.raw.m"], upstream.Select(e => Urn.DatasetNameOf(e.UpstreamUrn).ToString()).Order());
    }

    [SkippableFact]
    public async Task Replacing_lineage_with_an_edge_into_another_dataset_or_origin_is_refused_and_changes_nothing()
    {
        var downstream = DatasetUrn("demo.fct.b");
        await Lineage.ReplaceLineageAsync(downstream, "sql", null, [Edge("demo.raw.a", "demo.fct.b")], None);
        var head = await ChangeLog.GetHeadAsync(None);

        var elsewhere = await Assert.ThrowsAsync<CatalogException>(() => Lineage.ReplaceLineageAsync(downstream, "sql", null, [Edge("demo.raw.a", "demo.fct.c")], None));
        var otherOrigin = await Assert.ThrowsAsync<CatalogException>(() => Lineage.ReplaceLineageAsync(downstream, "sql", null, [Edge("demo.raw.z", "demo.fct.b", origin: "manual")], None));

        Assert.Equal("BAD_USER_INPUT", elsewhere.Code);
        Assert.Equal("BAD_USER_INPUT", otherOrigin.Code);
        Assert.Equal(head, await ChangeLog.GetHeadAsync(None));
        Assert.Equal(["demo.raw.a"], (await Lineage.GetLineageEdgesAsync(downstream, LineageDirection.Upstream, None)).Select(e => Urn.DatasetNameOf(e.UpstreamUrn).ToString()));
    }

    [SkippableFact]
    public async Task Edges_of_a_dataset_are_read_in_the_asked_direction()
    {
        await Lineage.UpsertLineageAsync([Edge("x.s.a", "x.s.b"), Edge("x.s.b", "x.s.c", "id", "id")], None);

        var down = await Lineage.GetLineageEdgesAsync(DatasetUrn("x.s.b"), LineageDirection.Downstream, None);
        var up = await Lineage.GetLineageEdgesAsync(DatasetUrn("x.s.b"), LineageDirection.Upstream, None);

        Assert.All(down, e => Assert.Equal(DatasetUrn("x.s.c"), e.DownstreamUrn));
        Assert.Equal(2, down.Count);
        Assert.Equal([DatasetUrn("x.s.a")], up.Select(e => e.UpstreamUrn));
    }

    [SkippableFact]
    public async Task Walking_lineage_is_cycle_safe_depth_limited_and_capped()
    {
        // a -> b -> c -> d -> a (a cycle), and b -> e
        await Lineage.UpsertLineageAsync([Edge("x.s.a", "x.s.b"), Edge("x.s.b", "x.s.c"), Edge("x.s.c", "x.s.d"), Edge("x.s.d", "x.s.a"), Edge("x.s.b", "x.s.e")], None);
        var a = DatasetUrn("x.s.a");

        var all = await Lineage.WalkLineageAsync(a, LineageDirection.Downstream, 50, 100, None);
        var two = await Lineage.WalkLineageAsync(a, LineageDirection.Downstream, 2, 100, None);
        var capped = await Lineage.WalkLineageAsync(a, LineageDirection.Downstream, 50, 3, None);
        var up = await Lineage.WalkLineageAsync(DatasetUrn("x.s.e"), LineageDirection.Upstream, 1, 100, None);

        Assert.Equal(5, all.Depths.Count);
        Assert.False(all.Truncated);
        Assert.Equal(2, all.Depths[DatasetUrn("x.s.c")]);
        Assert.Equal(4, two.Depths.Count);
        Assert.Equal(3, capped.Depths.Count);
        Assert.True(capped.Truncated);
        Assert.Equal(2, up.Depths.Count);
    }

    [SkippableFact]
    public async Task Edges_among_a_set_include_column_edges_on_request()
    {
        await Lineage.UpsertLineageAsync([Edge("x.s.a", "x.s.b", "id", "id"), Edge("x.s.b", "x.s.c"), Edge("x.s.c", "x.s.z")], None);
        var urns = new[] { "x.s.a", "x.s.b", "x.s.c" }.Select(DatasetUrn).ToList();

        var datasetLevel = await Lineage.GetEdgesAmongAsync(urns, false, None);
        var withColumns = await Lineage.GetEdgesAmongAsync(urns, true, None);

        Assert.Equal(2, datasetLevel.Count);
        Assert.Equal(3, withColumns.Count);
    }
}

/// <summary>The lineage contract on SQLite.</summary>
public sealed class SqliteLineageStoreTests() : LineageStoreContract(new SqliteStoreDatabase());

/// <summary>The lineage contract on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLineageStoreTests(PostgresFixture fixture) : LineageStoreContract(new PostgresStoreDatabase(fixture));
