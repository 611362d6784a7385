using Microsoft.Extensions.Options;
using TownLake.Catalog.Demo;
using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Hosting;

/// <summary>
/// Runs before the server accepts requests: migrates the store and, on a first start of the embedded default,
/// creates the demo warehouse, then opens the search index — so the first request already sees a complete catalog.
/// </summary>
public sealed class CatalogStartup(ICatalogDatabase store, CatalogStoreReady storeReady, IOptions<TownLakeOptions> options, IServiceProvider services, ILogger<CatalogStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Value.FullDataDirectory);
        await store.InitializeAsync(cancellationToken);
        storeReady.MarkReady();
        logger.LogInformation("Catalog store ready ({Store}); data directory {DataDirectory}", options.Value.Store, options.Value.FullDataDirectory);
        if (options.Value.DemoWarehouseEnabled)
        {
            await services.GetRequiredService<DemoWarehouse>().EnsureLoadedAsync(cancellationToken);
            await services.GetRequiredService<Governance.DemoGovernance>().ApplyAsync(cancellationToken);
        }

        // Opened after the demo loads, so a first start builds the index once from a complete store.
        await services.GetRequiredService<Discovery.CatalogSearch>().OpenAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
