namespace TownLake.Catalog.Stores;

/// <summary>
/// Completes once the store's schema is migrated at start-up (<see cref="Hosting.CatalogStartup"/>): background
/// followers of the change log wait for it, since hosted services start before the migration has run.
/// </summary>
public sealed class CatalogStoreReady
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the schema is ready.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Called by start-up after the migration.</summary>
    public void MarkReady() => _ready.TrySetResult();
}
