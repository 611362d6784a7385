using TownLake.Catalog.Lineage;
using TownLake.Catalog.Stores.ChangeLog;
using TownLake.Catalog.Tests.Stores;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Reliability;

/// <summary>
/// Change-log pruning on every store: entries go only when older than the retention and applied by every live
/// follower; a follower silent past the timeout holds nothing back and, reading from a pruned position, is told so
/// (never handed a log with a hole); the lineage graph then reloads every edge instead of missing some.
/// </summary>
public abstract class ChangeLogPruningContract(IStoreDatabase database) : StoreContract(database)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [SkippableFact]
    public async Task Pruning_keeps_entries_younger_than_the_retention_and_those_a_live_follower_has_not_applied()
    {
        await SaveThreeAsync("old");
        Clock.Advance(2 * Hour);
        await SaveAsync(NewDataset("wh.s.young_a"));
        await SaveAsync(NewDataset("wh.s.young_b"));
        await ChangeLog.ReportPositionAsync("search:host-a", 2, None);
        await ChangeLog.ReportPositionAsync("lineage:host-b", 5, None);

        var first = await ChangeLog.PruneAsync(Hour, Day, None);

        Assert.Equal(new ChangeLogPruning(2, 2, 2), first);
        Assert.Equal([3L, 4, 5], (await ChangeLog.ReadAfterAsync(2, 100, None)).Select(e => e.Sequence));
        var pruned = await Assert.ThrowsAsync<ChangeLogPrunedException>(() => ChangeLog.ReadAfterAsync(1, 100, None));
        Assert.Equal((1L, 2L), (pruned.Position, pruned.PrunedThrough));
        Assert.Equal(5, await ChangeLog.GetHeadAsync(None));

        await ChangeLog.ReportPositionAsync("search:host-a", 5, None);
        var second = await ChangeLog.PruneAsync(Hour, Day, None);

        // Everything is applied now, but 4 and 5 are younger than the retention.
        Assert.Equal(new ChangeLogPruning(3, 1, 2), second);
        Assert.Equal([4L, 5], (await ChangeLog.ReadAfterAsync(3, 100, None)).Select(e => e.Sequence));
    }

    [SkippableFact]
    public async Task A_follower_silent_past_the_timeout_holds_nothing_back_and_finds_its_position_pruned()
    {
        await SaveThreeAsync("before");
        await ChangeLog.ReportPositionAsync("search:replica-that-went-away", 0, None);
        Clock.Advance(2 * Day);
        await SaveAsync(NewDataset("wh.s.after"));
        await ChangeLog.ReportPositionAsync("search:replica-still-here", 4, None);

        var pruning = await ChangeLog.PruneAsync(Hour, Day, None);

        Assert.Equal(new ChangeLogPruning(3, 3, 1), pruning);
        await Assert.ThrowsAsync<ChangeLogPrunedException>(() => ChangeLog.ReadAfterAsync(0, 100, None));
        // The silent follower was forgotten: reporting again from where it was does not resurrect pruned entries.
        await ChangeLog.ReportPositionAsync("search:replica-that-went-away", 0, None);
        Assert.Equal(new ChangeLogPruning(3, 0, 2), await ChangeLog.PruneAsync(Hour, Day, None));
    }

    [SkippableFact]
    public async Task Pruning_a_log_without_old_entries_deletes_nothing_and_writes_continue_numbering()
    {
        Assert.Equal(new ChangeLogPruning(0, 0, 0), await ChangeLog.PruneAsync(Hour, Day, None));
        await SaveThreeAsync("fresh");
        Assert.Equal(new ChangeLogPruning(0, 0, 0), await ChangeLog.PruneAsync(Hour, Day, None));
        Clock.Advance(2 * Hour);

        Assert.Equal(new ChangeLogPruning(3, 3, 0), await ChangeLog.PruneAsync(Hour, Day, None));
        await SaveAsync(NewDataset("wh.s.next"));

        Assert.Equal([4L], (await ChangeLog.ReadAfterAsync(3, 100, None)).Select(e => e.Sequence));
        Assert.Equal(4, await ChangeLog.GetHeadAsync(None));
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_follower_name_that_is_empty_or_oversized_is_refused(string? name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ChangeLog.ReportPositionAsync(name ?? new string('f', 401), 1, None));
    }

    [SkippableFact]
    public async Task Lineage_graph_whose_position_was_pruned_reloads_every_edge_instead_of_missing_some()
    {
        await Lineage.ReplaceLineageAsync(DatasetUrn("wh.s.b"), "sql", null, [Edge("wh.s.a", "wh.s.b")], None);
        using var index = new LineageIndex(Lineage, ChangeLog, Feed);
        Assert.Equal(1, (await index.GetAsync(None)).EdgeCount);

        // While this graph is cut off (it reports nothing), another replica writes and the log is pruned past it.
        await Lineage.ReplaceLineageAsync(DatasetUrn("wh.s.d"), "sql", null, [Edge("wh.s.c", "wh.s.d")], None);
        Clock.Advance(2 * Hour);
        Assert.Equal(2, (await ChangeLog.PruneAsync(Hour, Day, None)).PrunedThrough);
        await index.CatchUpAsync(None);

        Assert.Equal(1, index.PrunedRebuilds);
        var snapshot = await index.GetAsync(None);
        Assert.Equal(2, snapshot.EdgeCount);
        Assert.Contains(DatasetUrn("wh.s.d"), snapshot.Walk(DatasetUrn("wh.s.c"), LineageDirection.Downstream, 1, 10).Depths.Keys);
    }

    [SkippableFact]
    public async Task Lineage_graph_catches_up_with_one_edge_read_per_batch_of_changes_not_one_per_edge()
    {
        var counting = new CountingLineageStore(Lineage);
        for (var i = 0; i < 30; i++)
        {
            await Lineage.ReplaceLineageAsync(DatasetUrn($"wh.s.t{i}"), "sql", null, [Edge($"wh.s.s{i}", $"wh.s.t{i}"), Edge($"wh.s.r{i}", $"wh.s.t{i}")], None);
        }

        using var index = new LineageIndex(counting, ChangeLog, Feed);
        Assert.Equal(60, (await index.GetAsync(None)).EdgeCount);
        Assert.Equal((1, 60, 0), (counting.Streams, counting.StreamedEdges, counting.IntoManyReads));

        for (var i = 30; i < 50; i++)
        {
            await Lineage.ReplaceLineageAsync(DatasetUrn($"wh.s.t{i}"), "sql", null, [Edge($"wh.s.s{i}", $"wh.s.t{i}")], None);
        }

        await index.CatchUpAsync(None);

        // Twenty changed datasets: one read of the edges into those twenty, no second full load.
        Assert.Equal((1, 1, 20), (counting.Streams, counting.IntoManyReads, counting.IntoManyDatasets));
        Assert.Equal(80, (await index.GetAsync(None)).EdgeCount);
    }

    private async Task SaveThreeAsync(string prefix)
    {
        for (var i = 0; i < 3; i++)
        {
            await SaveAsync(NewDataset($"wh.s.{prefix}_{i}"));
        }
    }
}

public sealed class SqliteChangeLogPruningTests() : ChangeLogPruningContract(new SqliteStoreDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PostgresChangeLogPruningTests(PostgresFixture fixture) : ChangeLogPruningContract(new PostgresStoreDatabase(fixture));
