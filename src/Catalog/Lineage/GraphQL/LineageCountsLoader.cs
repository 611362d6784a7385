using GraphQL.DataLoader;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Lineage.GraphQL;

/// <summary>
/// DataLoader of <c>Dataset.upstreamCount</c> and <c>downstreamCount</c>: the counts come from the in-memory lineage
/// snapshot, whose version is checked against the store once per request rather than once per field.
/// </summary>
public sealed class LineageCountsLoader(LineageIndex index)
{
    private readonly Lock _gate = new();
    private Task<LineageSnapshot>? _snapshot;

    /// <summary>Distinct datasets directly upstream and downstream of the dataset.</summary>
    public IDataLoaderResult<(int Upstream, int Downstream)> Load(string datasetUrn) =>
        new PendingResult<(int Upstream, int Downstream)>(async cancellationToken => (await SnapshotAsync(cancellationToken)).Counts(datasetUrn));

    private Task<LineageSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _snapshot ??= index.GetAsync(cancellationToken);
        }
    }
}
