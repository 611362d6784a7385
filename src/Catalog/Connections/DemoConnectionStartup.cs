using Microsoft.Extensions.Options;
using TownLake.Catalog.Hosting;

namespace TownLake.Catalog.Connections;

/// <summary>
/// Ingests the demo warehouse's connection right after <see cref="CatalogStartup"/> has built and loaded it, so the
/// catalog and the DuckDB file agree (row counts, types, comments) before the first request. The demo's hand-written
/// owners, tags and terms survive: ingestion leaves them null, which keeps what is stored.
/// </summary>
public sealed class DemoConnectionStartup(ConnectionRegistry connections, ConnectionIngestion ingestion, IOptions<TownLakeOptions> options, ILogger<DemoConnectionStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DemoWarehouseEnabled || connections.Find(ConnectionRegistry.DemoConnectionName) is null)
        {
            return;
        }

        try
        {
            await ingestion.IngestAsync(ConnectionRegistry.DemoConnectionName, progress: null, cancellationToken);
        }
        catch (Identity.CatalogException ex)
        {
            // A configured 'demo' connection that cannot be read must not keep the catalog from starting.
            logger.LogWarning("Ingesting the demo connection at start-up failed: {Message}", ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
