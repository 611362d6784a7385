using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.Search.Tests.Support;

namespace TownLake.Search.Tests.Indexing;

/// <summary>A fresh build indexes on every core into parts of its own, then copies them into the index.</summary>
public sealed class FreshBuildTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string ScratchPath => _directory.Path + ".building";

    [Fact]
    public async Task A_fresh_build_indexes_every_document_exactly_once_and_leaves_no_scratch_files()
    {
        // Enough documents for many chunks, so every core's part gets some.
        var catalog = Enumerable.Range(0, 3_000).Select(i => Datasets.Table("wh", $"schema_{i % 7}", $"table_{i}", "id", $"metric_{i}")).ToList();

        await using var index = await TestIndex.OnDiskAsync(_directory.Path, catalog);

        Assert.Equal(IndexOpenOutcome.BuiltMissing, index.OpenOutcome);
        Assert.Equal(catalog.Count, index.Count);
        Assert.Equal(Datasets.UrnOf("wh", "schema_2", "table_1234"), index.Urns("table_1234 metric_1234")[0]);
        var all = index.Search(new SearchRequest { Query = "id", Limit = 1000, IncludeFacets = true });
        Assert.Equal(catalog.Count, all.TotalCount);
        Assert.False(Directory.Exists(ScratchPath));
        Assert.Empty(Directory.GetDirectories(_directory.Path));
    }

    [Fact]
    public async Task A_store_failing_during_a_build_fails_the_open_and_the_next_open_builds_again()
    {
        var catalog = Enumerable.Range(0, 2_000).Select(i => Datasets.Table("wh", "sales", $"table_{i}", "id")).ToList();

        var error = await Assert.ThrowsAsync<IOException>(() => SearchIndex.OpenAsync(
            new SearchIndexOptions { DirectoryPath = _directory.Path },
            _ => FailingAfter(catalog, 1_000)).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal("store went away", error.Message);
        Assert.False(Directory.Exists(ScratchPath));
        await using var reopened = await TestIndex.OnDiskAsync(_directory.Path, catalog);
        Assert.NotEqual(IndexOpenOutcome.OpenedExisting, reopened.OpenOutcome);
        Assert.Equal(catalog.Count, reopened.Count);
    }

    [Fact]
    public async Task A_document_the_index_rejects_fails_the_build_with_its_error_instead_of_hanging()
    {
        // The bad document stops one core's part; the reader of the store must not wait forever for it.
        var catalog = Enumerable.Range(0, 5_000)
            .Select(i => i == 2_500 ? Datasets.Table("wh", "sales", "broken") with { Name = " " } : Datasets.Table("wh", "sales", $"table_{i}", "id"))
            .ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TestIndex.OnDiskAsync(_directory.Path, catalog).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("urn:dataset:wh.sales.broken", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(ScratchPath));
    }

    private static async IAsyncEnumerable<SearchDocument> FailingAfter(IReadOnlyList<SearchDocument> documents, int count)
    {
        foreach (var document in documents.Take(count))
        {
            await Task.Yield();
            yield return document;
        }

        throw new IOException("store went away");
    }

    public void Dispose()
    {
        _directory.Dispose();
        if (Directory.Exists(ScratchPath))
        {
            Directory.Delete(ScratchPath, recursive: true);
        }
    }
}
