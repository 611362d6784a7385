using System.Diagnostics;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Indexing;

/// <summary>Many small writes leave many small segments; an index left idle is merged down so searches stay fast.</summary>
public class IdleMergeTests
{
    // Long enough that a loaded CI machine stalling between two batches does not merge before the writes are done.
    private static readonly SearchIndexOptions Options = new() { IdleMergeDelay = TimeSpan.FromSeconds(1.5), IdleMaxSegments = 2 };

    [Fact]
    public async Task An_index_left_idle_after_many_small_writes_is_merged_down_and_keeps_every_document()
    {
        await using var index = await SearchIndex.OpenAsync(Options, _ => AsyncEnumerable.Empty<SearchDocument>());
        await WriteInSmallBatchesAsync(index, batches: 30);
        Assert.True(index.SegmentCount > Options.IdleMaxSegments, $"{index.SegmentCount} segments right after the writes");

        var clock = Stopwatch.StartNew();
        while (index.SegmentCount > Options.IdleMaxSegments && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        Assert.True(index.SegmentCount <= Options.IdleMaxSegments, $"{index.SegmentCount} segments after {clock.Elapsed}");
        Assert.Equal(30 * 20, index.Count);
        Assert.Equal(Datasets.UrnOf("wh", "sales", "table_29_7"), index.Urns("table_29_7")[0]);
    }

    [Fact]
    public async Task An_index_still_being_written_is_not_merged_down()
    {
        await using var index = await SearchIndex.OpenAsync(Options with { IdleMergeDelay = TimeSpan.FromMinutes(10) }, _ => AsyncEnumerable.Empty<SearchDocument>());
        await WriteInSmallBatchesAsync(index, batches: 30);
        var segments = index.SegmentCount;

        await Task.Delay(1_000);

        Assert.True(index.SegmentCount > Options.IdleMaxSegments, $"{index.SegmentCount} segments (was {segments})");
    }

    /// <summary>Each batch followed by a refresh, as the service applies its change feed: one small segment per batch.</summary>
    private static async Task WriteInSmallBatchesAsync(SearchIndex index, int batches)
    {
        for (var batch = 0; batch < batches; batch++)
        {
            for (var i = 0; i < 20; i++)
            {
                await index.UpsertAsync(Datasets.Table("wh", "sales", $"table_{batch}_{i}", "id", "amount"));
            }

            await index.RefreshAsync();
        }
    }
}
