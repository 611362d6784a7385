using System.Collections.Concurrent;
using GraphQL.DataLoader;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>
/// DataLoader of <c>Dataset.access</c> (and of the column lists governance trims): the decisions for a whole level of
/// datasets in one <see cref="AccessEvaluator.EvaluateManyAsync"/>, a constant number of store round trips whatever the
/// page size. One per request, so every decision is the request's caller's.
/// </summary>
public sealed class DatasetAccessLoader
{
    private readonly AccessEvaluator _evaluator;
    private readonly ConcurrentDictionary<string, Dataset> _datasets = new(StringComparer.Ordinal);
    private readonly KeyedBatch<string, DatasetAccess> _batch;
    private Caller? _caller;

    public DatasetAccessLoader(AccessEvaluator evaluator)
    {
        _evaluator = evaluator;
        _batch = new KeyedBatch<string, DatasetAccess>(FetchAsync, StringComparer.Ordinal);
    }

    /// <summary>The caller's access to <paramref name="dataset"/>, decided with the rest of its level.</summary>
    public IDataLoaderResult<DatasetAccess> Load(Caller caller, Dataset dataset)
    {
        if (_caller is not null && _caller != caller)
        {
            throw new InvalidOperationException("A request's access loader decides for one caller.");
        }

        _caller = caller;
        _datasets.TryAdd(dataset.Urn, dataset);
        return _batch.Load([dataset.Urn], found => found[dataset.Urn]);
    }

    private async Task<IReadOnlyDictionary<string, DatasetAccess>> FetchAsync(IReadOnlyCollection<string> urns, CancellationToken cancellationToken) =>
        await _evaluator.EvaluateManyAsync(_caller!, urns.Select(u => _datasets[u]).ToList(), cancellationToken);
}
