namespace TownLake.SearchBench.Retrieval;

/// <summary>
/// A system under test: loads the retrieval set's tables, then answers each question with ranked table keys
/// (<see cref="RetrievalSet.TableKey"/>). The library and the BM25 baseline implement it; a mode that goes through
/// the service's public API can be added beside them.
/// </summary>
internal interface IRetrievalSystem : IAsyncDisposable
{
    string Name { get; }

    Task LoadAsync(RetrievalSet set, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> RankTablesAsync(string question, int count, CancellationToken cancellationToken);
}
