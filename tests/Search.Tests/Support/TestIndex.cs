using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;

namespace TownLake.Search.Tests.Support;

/// <summary>Opens indexes over test documents and runs searches with short names.</summary>
internal static class TestIndex
{
    public static Task<SearchIndex> InMemoryAsync(params SearchDocument[] documents) =>
        SearchIndex.OpenAsync(new SearchIndexOptions(), _ => documents.ToAsyncEnumerable());

    public static Task<SearchIndex> InMemoryAsync(SearchIndexOptions options, params SearchDocument[] documents) =>
        SearchIndex.OpenAsync(options, _ => documents.ToAsyncEnumerable());

    public static Task<SearchIndex> OnDiskAsync(string directory, IReadOnlyList<SearchDocument> documents) =>
        SearchIndex.OpenAsync(new SearchIndexOptions { DirectoryPath = directory }, _ => documents.ToAsyncEnumerable());

    public static IReadOnlyList<string> Urns(this SearchIndex index, string query, int limit = 10) =>
        index.Search(new SearchRequest { Query = query, Limit = limit }).Hits.Select(hit => hit.Urn).ToList();
}

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "townlake-search-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
