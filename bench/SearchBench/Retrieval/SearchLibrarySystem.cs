using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;

namespace TownLake.SearchBench.Retrieval;

/// <summary>The TownLake search library in process: tables as datasets <c>spider.&lt;db_id&gt;.&lt;table&gt;</c>, names and columns only.</summary>
internal sealed class SearchLibrarySystem(string name, bool joinAware) : IRetrievalSystem
{
    private const string CatalogName = "spider";
    private SearchIndex? _index;

    public const string DefaultName = "TownLake search library (default)";
    public const string WithoutRerankName = "TownLake search library, join-aware rerank off";

    public string Name => name;

    public async Task LoadAsync(RetrievalSet set, CancellationToken cancellationToken)
    {
        var documents = set.Databases.SelectMany(database => database.Tables.Select(table => new SearchDocument
        {
            Urn = $"urn:dataset:{CatalogName}.{database.DbId}.{table.Name}",
            EntityType = SearchEntityType.Dataset,
            Name = $"{CatalogName}.{database.DbId}.{table.Name}",
            Catalog = CatalogName,
            Schema = database.DbId,
            Table = table.Name,
            Platform = "sqlite",
            Kind = "table",
            Columns = table.Columns.Select(column => new SearchColumn(column.Name, column.Type)).ToList(),
        })).ToList();
        _index = await SearchIndex.OpenAsync(new SearchIndexOptions(), _ => documents.ToAsyncEnumerable(), cancellationToken);
    }

    public Task<IReadOnlyList<string>> RankTablesAsync(string question, int count, CancellationToken cancellationToken)
    {
        var index = _index ?? throw new InvalidOperationException("Load the retrieval set first.");
        var results = index.Search(new SearchRequest { Query = question, Limit = count, IncludeFacets = false, Explain = false, JoinAware = joinAware }, cancellationToken);
        IReadOnlyList<string> keys = results.Hits
            .Select(hit => RetrievalSet.TableKey(hit.Document.Schema ?? "", hit.Document.TableName))
            .ToList();
        return Task.FromResult(keys);
    }

    public async ValueTask DisposeAsync()
    {
        if (_index is not null)
        {
            await _index.DisposeAsync();
        }
    }
}
