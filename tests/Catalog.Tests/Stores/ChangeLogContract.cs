using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Stores.ChangeLog;
using TownLake.TestSupport;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>
/// What every store's change log must do: one numbered entry per changed entity or lineage target, written with the
/// write or not at all, numbered 1, 2, 3, … without gaps even under concurrent writers; and leases one holder at a time.
/// </summary>
public abstract class ChangeLogContract(IStoreDatabase database) : StoreContract(database)
{
    [SkippableFact]
    public async Task Entity_and_lineage_writes_are_logged_in_commit_order_with_their_keys()
    {
        await SaveAsync(NewDataset("wh.s.orders", "id"));
        await SaveAsync(NewDataset("wh.s.orders", "id"));
        await Lineage.ReplaceLineageAsync(DatasetUrn("wh.s.totals"), "sql", null, [Edge("wh.s.orders", "wh.s.totals")], None);
        await Entities.SaveManyAsync<Dataset>(
            [new(DatasetUrn("wh.s.a"), _ => NewDataset("wh.s.a")), new(DatasetUrn("wh.s.b"), _ => NewDataset("wh.s.b"))], "tester", None);

        var entries = await ChangeLog.ReadAfterAsync(0, 100, None);

        Assert.Equal([1L, 2, 3, 4], entries.Select(e => e.Sequence));
        Assert.Equal(
            [("dataset", DatasetUrn("wh.s.orders")), ("lineage", DatasetUrn("wh.s.totals")), ("dataset", DatasetUrn("wh.s.a")), ("dataset", DatasetUrn("wh.s.b"))],
            entries.Select(e => (e.Kind, e.Key)));
        Assert.Equal(4, await ChangeLog.GetHeadAsync(None));
        Assert.Equal([3L, 4], (await ChangeLog.ReadAfterAsync(2, 100, None)).Select(e => e.Sequence));
        Assert.Equal(4, Feed.LastCommitted);
    }

    [SkippableFact]
    public async Task A_write_that_fails_leaves_no_entry_and_no_gap()
    {
        await SaveAsync(NewDataset("wh.s.first"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Entities.SaveManyAsync<Dataset>(
            [new(DatasetUrn("wh.s.kept_out"), _ => NewDataset("wh.s.kept_out")), new(DatasetUrn("wh.s.bad"), _ => throw new InvalidOperationException("refused"))], "tester", None));
        await SaveAsync(NewDataset("wh.s.second"));

        var entries = await ChangeLog.ReadAfterAsync(0, 100, None);

        Assert.Equal([(1L, DatasetUrn("wh.s.first")), (2L, DatasetUrn("wh.s.second"))], entries.Select(e => (e.Sequence, e.Key)));
        Assert.Null(await Entities.GetAsync<Dataset>(DatasetUrn("wh.s.kept_out"), None));
    }

    [SkippableFact]
    public async Task Concurrent_writers_get_every_number_once_and_a_reader_never_sees_a_later_one_before_an_earlier_one()
    {
        const int Writers = 8;
        const int PerWriter = 25;
        var seen = new List<long>();
        using var done = new CancellationTokenSource();
        // A reader following the log while the writers run: whatever it reads must be a gap-free prefix.
        var follower = Task.Run(async () =>
        {
            long position = 0;
            while (true)
            {
                var finished = done.IsCancellationRequested;
                foreach (var entry in await ChangeLog.ReadAfterAsync(position, 1000, None))
                {
                    Assert.Equal(position + 1, entry.Sequence);
                    position = entry.Sequence;
                    seen.Add(entry.Sequence);
                }

                if (finished)
                {
                    return;
                }
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                await SaveAsync(NewDataset($"wh.w{w}.t{i}"));
            }
        })));
        await done.CancelAsync();
        await follower;

        var all = await ChangeLog.ReadAfterAsync(0, 10_000, None);
        Assert.Equal(Enumerable.Range(1, Writers * PerWriter).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(Writers * PerWriter, all.Select(e => e.Key).Distinct().Count());
        Assert.Equal(all.Select(e => e.Sequence), seen);
    }

    [SkippableFact]
    public async Task Changes_without_an_entity_write_are_appended_on_their_own()
    {
        var last = await ChangeLog.AppendAsync([new ChangeRecord(ChangeKinds.Popularity, "urn:a"), new ChangeRecord(ChangeKinds.Popularity, "urn:b")], None);

        Assert.Equal(2, last);
        Assert.Equal(["urn:a", "urn:b"], (await ChangeLog.ReadAfterAsync(0, 10, None)).Select(e => e.Key));
        Assert.Equal(0, await ChangeLog.AppendAsync([], None));
    }

    [SkippableFact]
    public async Task A_lease_has_one_holder_until_it_expires_or_is_released()
    {
        Assert.True(await Leases.TryAcquireAsync("refresh", "replica-a", TimeSpan.FromSeconds(30), None));
        Assert.True(await Leases.TryAcquireAsync("refresh", "replica-a", TimeSpan.FromSeconds(30), None));
        Assert.False(await Leases.TryAcquireAsync("refresh", "replica-b", TimeSpan.FromSeconds(30), None));
        Assert.True(await Leases.TryAcquireAsync("other-job", "replica-b", TimeSpan.FromSeconds(30), None));

        Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await Leases.TryAcquireAsync("refresh", "replica-b", TimeSpan.FromSeconds(30), None));
        Assert.False(await Leases.TryAcquireAsync("refresh", "replica-a", TimeSpan.FromSeconds(30), None));

        await Leases.ReleaseAsync("refresh", "replica-a", None);
        Assert.False(await Leases.TryAcquireAsync("refresh", "replica-a", TimeSpan.FromSeconds(30), None));
        await Leases.ReleaseAsync("refresh", "replica-b", None);
        Assert.True(await Leases.TryAcquireAsync("refresh", "replica-a", TimeSpan.FromSeconds(30), None));
    }
}

public sealed class SqliteChangeLogTests() : ChangeLogContract(new SqliteStoreDatabase());

[Collection(PostgresCollection.Name)]
public sealed class PostgresChangeLogTests(PostgresFixture fixture) : ChangeLogContract(new PostgresStoreDatabase(fixture));
