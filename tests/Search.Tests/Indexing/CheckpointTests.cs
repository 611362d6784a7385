using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Indexing;

/// <summary>The caller's checkpoint travels with each durable commit, so a reopened index says exactly where to resume.</summary>
public sealed class CheckpointTests : IDisposable
{
    private static readonly IReadOnlyList<SearchDocument> Catalog =
    [
        Datasets.Table("wh", "sales", "orders", "order_id", "customer_id"),
        Datasets.Table("wh", "sales", "customers", "customer_id", "email"),
    ];

    private readonly TempDirectory _directory = new();

    private SearchIndexOptions Options => new() { DirectoryPath = _directory.Path, RequireCheckpoint = true };

    [Fact]
    public async Task A_build_records_the_checkpoint_it_reflects_and_a_reopen_reads_it_back()
    {
        await using (var built = await SearchIndex.OpenAsync(Options, _ => Catalog.ToAsyncEnumerable(), () => 41))
        {
            Assert.Equal(IndexOpenOutcome.BuiltMissing, built.OpenOutcome);
            Assert.Equal(41, built.Checkpoint);
        }

        await using var reopened = await SearchIndex.OpenAsync(Options, _ => throw new InvalidOperationException("a healthy index must not be rebuilt"));

        Assert.Equal(IndexOpenOutcome.OpenedExisting, reopened.OpenOutcome);
        Assert.Equal(41, reopened.CommittedCheckpoint);
        Assert.Equal(41, reopened.Checkpoint);
    }

    [Fact]
    public async Task A_write_advances_the_checkpoint_only_from_where_the_caller_read_it()
    {
        await using var index = await SearchIndex.OpenAsync(Options, _ => Catalog.ToAsyncEnumerable(), () => 5);
        await index.UpsertAsync(Datasets.Table("wh", "sales", "refunds", "refund_id"));

        Assert.False(index.TryAdvanceCheckpoint(from: 4, to: 9));
        Assert.True(index.TryAdvanceCheckpoint(from: 5, to: 9));
        await index.CommitAsync();

        Assert.Equal(9, index.CommittedCheckpoint);
    }

    [Fact]
    public async Task Writes_after_the_last_commit_are_missing_after_a_crash_but_the_checkpoint_says_so()
    {
        // A crash is simulated by copying the directory while the index is open: the copy holds only durable commits.
        var crashed = Path.Combine(Path.GetTempPath(), "townlake-crashcopy-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var index = await SearchIndex.OpenAsync(Options with { CommitInterval = TimeSpan.FromHours(1) }, _ => Catalog.ToAsyncEnumerable(), () => 2))
            {
                await index.UpsertAsync(Datasets.Table("wh", "sales", "refunds", "refund_id"));
                index.TryAdvanceCheckpoint(2, 3);
                await index.RefreshAsync();
                Assert.Equal(1, index.Search(new SearchRequest { Query = "refunds" }).TotalCount);
                Copy(_directory.Path, crashed);
            }

            await using var reopened = await SearchIndex.OpenAsync(Options with { DirectoryPath = crashed }, _ => throw new InvalidOperationException("must not rebuild"));

            Assert.Equal(IndexOpenOutcome.OpenedExisting, reopened.OpenOutcome);
            Assert.Equal(2, reopened.Checkpoint);
            Assert.Equal(0, reopened.Search(new SearchRequest { Query = "refunds" }).TotalCount);
        }
        finally
        {
            if (System.IO.Directory.Exists(crashed))
            {
                System.IO.Directory.Delete(crashed, recursive: true);
            }
        }
    }

    [Fact]
    public async Task An_index_without_a_checkpoint_is_rebuilt_when_the_caller_requires_one()
    {
        await using (await SearchIndex.OpenAsync(new SearchIndexOptions { DirectoryPath = _directory.Path }, _ => Catalog.ToAsyncEnumerable()))
        {
        }

        // Built without a checkpoint function, it recorded 0: still a checkpoint. Strip it the way an older version left it.
        StripCheckpoint(_directory.Path);
        await using var reopened = await SearchIndex.OpenAsync(Options, _ => Catalog.ToAsyncEnumerable(), () => 7);

        Assert.Equal(IndexOpenOutcome.RebuiltOutdated, reopened.OpenOutcome);
        Assert.Equal(7, reopened.Checkpoint);
    }

    private static void StripCheckpoint(string path)
    {
        using var directory = Lucene.Net.Store.FSDirectory.Open(path);
        var config = new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer()) { OpenMode = Lucene.Net.Index.OpenMode.APPEND };
        using var writer = new Lucene.Net.Index.IndexWriter(directory, config);
        writer.SetCommitData(new Dictionary<string, string> { ["townlake.search.format"] = ReadFormat(directory) });
        writer.Commit();
    }

    private static string ReadFormat(Lucene.Net.Store.Directory directory)
    {
        using var reader = Lucene.Net.Index.DirectoryReader.Open(directory);
        return reader.IndexCommit.UserData["townlake.search.format"];
    }

    private static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    public void Dispose() => _directory.Dispose();
}
