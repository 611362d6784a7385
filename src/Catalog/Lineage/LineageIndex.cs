
namespace TownLake.Catalog.Lineage;

/// <summary>
/// Keeps a <see cref="LineageSnapshot"/> of the store's lineage current: each read checks the store's lineage version
/// (one indexed row) and rebuilds the snapshot when another writer — in this process or another — changed lineage.
/// </summary>
public sealed class LineageIndex(ILineageStore store) : IDisposable
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private LineageSnapshot? _current;

    /// <summary>The current snapshot, rebuilt first when lineage changed since the last one.</summary>
    public async Task<LineageSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var version = await store.GetLineageVersionAsync(cancellationToken);
        var current = _current;
        if (current is not null && current.Version == version)
        {
            return current;
        }

        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && current.Version >= version)
            {
                return current;
            }

            // Read the version before the edges: a write landing in between makes the next read rebuild again.
            var fresh = await LineageSnapshot.BuildAsync(store.StreamLineageEdgesAsync(cancellationToken), version, cancellationToken);
            _current = fresh;
            return fresh;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    public void Dispose() => _rebuild.Dispose();
}
