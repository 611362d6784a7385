using TownLake.SearchBench.Service;

namespace TownLake.SearchBench.Retrieval;

/// <summary>
/// The TownLake service through its public GraphQL API: the tables are loaded with <c>upsertDataset</c> as
/// datasets <c>spider.&lt;db_id&gt;.&lt;table&gt;</c> (names and columns only), the index follows the store's change
/// feed, and each question is a <c>search(query:, types: [DATASET])</c> request with the service's defaults.
/// </summary>
internal sealed class CatalogApiSystem : IRetrievalSystem
{
    private const string SearchQuery = """
        query($q: String!, $first: Int!) {
          search(query: $q, types: [DATASET], first: $first) { results { entity { ... on Dataset { schema table } } } }
        }
        """;

    // The API serves at most 100 results per page: the same depth the library systems are scored at (MRR over the top 100).
    private const int MaxPageSize = 100;

    private InProcessCatalog? _service;

    public const string SystemName = "TownLake service, GraphQL `search` API";

    public string Name => SystemName;

    public async Task LoadAsync(RetrievalSet set, CancellationToken cancellationToken)
    {
        _service = InProcessCatalog.Start();
        var tables = 0;
        foreach (var database in set.Databases)
        {
            foreach (var table in database.Tables)
            {
                var input = new
                {
                    name = $"spider.{database.DbId}.{table.Name}",
                    platform = "sqlite",
                    kind = "TABLE",
                    columns = table.Columns.Select(column => new { name = column.Name, type = column.Type }).ToList(),
                };
                await _service.GraphQLAsync("mutation($input: DatasetInput!) { upsertDataset(input: $input) { urn } }", new { input }, cancellationToken);
                tables++;
            }
        }

        await _service.WaitForIndexedDatasetsAsync(tables, TimeSpan.FromSeconds(60), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> RankTablesAsync(string question, int count, CancellationToken cancellationToken)
    {
        var service = _service ?? throw new InvalidOperationException("Load the retrieval set first.");
        var data = await service.GraphQLAsync(SearchQuery, new { q = question, first = Math.Min(count, MaxPageSize) }, cancellationToken);
        return data["search"]!["results"]!.AsArray()
            .Select(result => RetrievalSet.TableKey(result!["entity"]!["schema"]!.GetValue<string>(), result["entity"]!["table"]!.GetValue<string>()))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}
