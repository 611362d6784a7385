using System.Diagnostics;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Retrieval;

/// <summary>
/// The cached matches of common words are built before searches need them — on each merged segment by the writer, and
/// on the segments an index opens with — so the first question naming a word after a merge or a start does not walk
/// postings that hold most of the index.
/// </summary>
public class CommonWordWarmingTests
{
    private static readonly CommonWords HalfOfTheSegment = new(Share: 0.5, MinDocs: 10);

    [Fact]
    public void Warming_a_segment_caches_the_words_in_a_large_share_of_it_and_not_the_rare_ones()
    {
        using var segment = Segment(40, i => i % 10 == 0 ? "id amount zebra" : "id amount");
        var stats = new CommonWordStats();

        new CommonWordWarmer(stats, HalfOfTheSegment, error => throw error, CancellationToken.None).Warm(segment.Reader);

        var cached = stats.For(segment.Reader);
        Assert.Equal(2, cached.WordCount);
        var matches = cached.WordMatches(segment.Reader, ["id"], [IndexFields.Columns]);
        Assert.Equal(40, matches.Cardinality);
        Assert.Equal(2, cached.WordCount);
    }

    [Fact]
    public void A_segment_smaller_than_the_minimum_is_left_to_fill_lazily()
    {
        using var segment = Segment(9, _ => "id amount");
        var stats = new CommonWordStats();

        new CommonWordWarmer(stats, HalfOfTheSegment, error => throw error, CancellationToken.None).Warm(segment.Reader);

        Assert.Equal(0, stats.For(segment.Reader).WordCount);
    }

    [Fact]
    public void A_stopping_index_warms_nothing_more()
    {
        using var segment = Segment(40, _ => "id amount");
        var stats = new CommonWordStats();

        new CommonWordWarmer(stats, HalfOfTheSegment, error => throw error, new CancellationToken(canceled: true)).Warm(segment.Reader);

        Assert.Equal(0, stats.For(segment.Reader).WordCount);
    }

    [Fact]
    public void A_failure_while_warming_is_reported_and_not_thrown_into_the_merge()
    {
        var segment = Segment(40, _ => "id amount");
        var reader = segment.Reader;
        segment.Dispose();
        var failures = new List<Exception>();

        new CommonWordWarmer(new CommonWordStats(), HalfOfTheSegment, failures.Add, CancellationToken.None).Warm(reader);

        Assert.IsType<ObjectDisposedException>(Assert.Single(failures), exactMatch: false);
    }

    [Fact]
    public async Task An_index_merged_down_after_small_writes_has_its_common_words_cached_before_any_question()
    {
        var options = new SearchIndexOptions { CommonWordShare = 0.5, CommonWordMinDocs = 10, IdleMergeDelay = TimeSpan.FromSeconds(1), IdleMaxSegments = 1 };
        await using var index = await SearchIndex.OpenAsync(options, _ => AsyncEnumerable.Empty<SearchDocument>());
        for (var batch = 0; batch < 12; batch++)
        {
            for (var i = 0; i < 20; i++)
            {
                await index.UpsertAsync(Datasets.Table("wh", "sales", $"table_{batch}_{i}", "id", "amount"));
            }

            await index.RefreshAsync();
        }

        var clock = Stopwatch.StartNew();
        while (index.SegmentCount > 1 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, index.SegmentCount);
        Assert.True(index.CachedCommonWords()[0] > 0, "the merged segment has no cached word");
        var results = index.Search(new SearchRequest { Query = "id amount" });
        Assert.Equal(240, results.TotalCount);
    }

    [Fact]
    public async Task Reopening_an_index_warms_the_segments_it_opened_with_in_the_background()
    {
        using var directory = new TempDirectory();
        var options = new SearchIndexOptions { DirectoryPath = directory.Path, CommonWordShare = 0.5, CommonWordMinDocs = 10 };
        var documents = Enumerable.Range(0, 60).Select(i => Datasets.Table("wh", "sales", $"ledger_{i}", "id", "amount")).ToList();
        await using (await SearchIndex.OpenAsync(options, _ => documents.ToAsyncEnumerable()))
        {
        }

        await using var reopened = await SearchIndex.OpenAsync(options, _ => throw new InvalidOperationException("must not rebuild"));
        var clock = Stopwatch.StartNew();
        while (reopened.CachedCommonWords().Sum() == 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }

        Assert.True(reopened.CachedCommonWords().Sum() > 0, "no segment was warmed");
        Assert.Equal(60, reopened.Search(new SearchRequest { Query = "id amount" }).TotalCount);
    }

    /// <summary>One segment of <paramref name="count"/> documents whose column field holds the given words.</summary>
    private static OneSegment Segment(int count, Func<int, string> columns)
    {
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
        {
            for (var i = 0; i < count; i++)
            {
                writer.AddDocument(new Document { new TextField(IndexFields.Columns, columns(i), Field.Store.NO) });
            }

            writer.ForceMerge(1);
        }

        var reader = DirectoryReader.Open(directory);
        return new OneSegment(directory, reader);
    }

    private sealed class OneSegment(RAMDirectory directory, DirectoryReader reader) : IDisposable
    {
        public AtomicReader Reader => reader.Leaves[0].AtomicReader;

        public void Dispose()
        {
            reader.Dispose();
            directory.Dispose();
        }
    }
}
