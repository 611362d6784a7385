using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using TownLake.Search.Analysis;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Indexing;

public sealed class RebuildTests : IDisposable
{
    private static readonly IReadOnlyList<SearchDocument> Catalog =
    [
        Datasets.Table("wh", "sales", "orders", "order_id", "customer_id", "order_total"),
        Datasets.Table("wh", "sales", "customers", "customer_id", "full_name", "email"),
        Datasets.Table("wh", "finance", "invoices", "invoice_id", "order_id", "amount"),
        Datasets.Table("wh", "scratch", "orders_copy", "order_id") with { Signals = new SearchSignals(Scratch: true) },
    ];

    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_deleted_index_is_rebuilt_with_identical_results()
    {
        SearchResults before;
        await using (var index = await TestIndex.OnDiskAsync(_directory.Path, Catalog))
        {
            before = index.Search(new SearchRequest { Query = "customer orders" });
        }

        System.IO.Directory.Delete(_directory.Path, recursive: true);
        await using var rebuilt = await TestIndex.OnDiskAsync(_directory.Path, Catalog);
        var after = rebuilt.Search(new SearchRequest { Query = "customer orders" });

        Assert.Equal(IndexOpenOutcome.BuiltMissing, rebuilt.OpenOutcome);
        Assert.Equal(before.Hits.Select(hit => (hit.Urn, hit.Score)), after.Hits.Select(hit => (hit.Urn, hit.Score)));
        Assert.Equal(before.TotalCount, after.TotalCount);
    }

    [Fact]
    public async Task A_healthy_index_is_opened_without_reading_the_store()
    {
        await using (await TestIndex.OnDiskAsync(_directory.Path, Catalog))
        {
        }

        await using var reopened = await SearchIndex.OpenAsync(
            new SearchIndexOptions { DirectoryPath = _directory.Path },
            _ => throw new InvalidOperationException("The store must not be read for a healthy index."));

        Assert.Equal(IndexOpenOutcome.OpenedExisting, reopened.OpenOutcome);
        Assert.Equal(Catalog.Count, reopened.Count);
    }

    [Fact]
    public async Task An_index_of_an_older_format_version_is_detected_and_rebuilt()
    {
        await using (await TestIndex.OnDiskAsync(_directory.Path, Catalog))
        {
        }

        WriteOldFormatMarker(_directory.Path);
        var changedStore = Catalog.Take(2).ToList();
        await using var reopened = await TestIndex.OnDiskAsync(_directory.Path, changedStore);

        Assert.Equal(IndexOpenOutcome.RebuiltOutdated, reopened.OpenOutcome);
        Assert.Equal(2, reopened.Count);
    }

    [Fact]
    public async Task A_corrupt_index_is_wiped_and_rebuilt()
    {
        await using (await TestIndex.OnDiskAsync(_directory.Path, Catalog))
        {
        }

        foreach (var file in System.IO.Directory.GetFiles(_directory.Path, "segments_*"))
        {
            File.WriteAllBytes(file, [1, 2, 3, 4, 5]);
        }

        await using var reopened = await TestIndex.OnDiskAsync(_directory.Path, Catalog);

        Assert.Equal(IndexOpenOutcome.RebuiltCorrupt, reopened.OpenOutcome);
        Assert.Equal(Catalog[0].Urn, reopened.Urns("orders")[0]);
    }

    [Fact]
    public async Task Rebuild_replaces_the_contents_with_the_store()
    {
        await using var index = await TestIndex.OnDiskAsync(_directory.Path, Catalog);

        await index.RebuildAsync(new[] { Catalog[2] }.ToAsyncEnumerable());

        Assert.Equal(1, index.Count);
        Assert.Equal([Catalog[2].Urn], index.Urns("invoices orders customers"));
    }

    private static void WriteOldFormatMarker(string path)
    {
        using var directory = FSDirectory.Open(path);
        using var analyzer = SchemaAnalyzer.ForIndexing();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer) { OpenMode = OpenMode.APPEND });
        writer.SetCommitData(new Dictionary<string, string> { [IndexFormat.VersionKey] = "0" });
        writer.Commit();
    }

    public void Dispose() => _directory.Dispose();
}
