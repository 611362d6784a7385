using Microsoft.Extensions.Options;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.History;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Lineage.OpenLineage;
using TownLake.Catalog.QueryFront;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.Postgres;
using TownLake.Catalog.Stores.Sqlite;

namespace TownLake.Catalog.Hosting;

/// <summary>
/// Registers the store chosen by configuration (SQLite or PostgreSQL) once, and every store port as that same
/// instance: consumers ask for the narrow port they use, never for the adapter.
/// </summary>
public static class CatalogStoreServices
{
    public static IServiceCollection AddTownLakeStore(this IServiceCollection services)
    {
        services.AddSingleton<RelationalCatalogStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TownLakeOptions>>().Value;
            var feed = sp.GetRequiredService<CatalogChangeFeed>();
            var clock = sp.GetRequiredService<TimeProvider>();
            return options.Store.Equals("postgres", StringComparison.OrdinalIgnoreCase)
                ? new PostgresCatalogStore(options.PostgresConnectionString!, feed, clock)
                : new SqliteCatalogStore(Path.Combine(options.FullDataDirectory, "catalog.db"), feed, clock);
        });

        // Each port resolves to the one instance. The container also tracks it once per port it handed out, so
        // the store's disposal must be (and is) idempotent.
        Forward<ICatalogDatabase>(services);
        Forward<IEntityStore>(services);
        Forward<IEntityHistoryStore>(services);
        Forward<IDatasetBrowseStore>(services);
        Forward<ILineageStore>(services);
        Forward<IDatasetAliasStore>(services);
        Forward<ILineageEventLog>(services);
        Forward<Lineage.Runs.ILineageRunStore>(services);
        Forward<Lineage.Impact.ISchemaChangeImpactStore>(services);
        Forward<IDataMigrationLog>(services);
        Forward<IQueryAuditStore>(services);
        Forward<Stores.ChangeLog.IChangeLog>(services);
        Forward<Stores.ChangeLog.IJobLeases>(services);
        Forward<Governance.IGovernanceStore>(services);
        Forward<Agents.Audit.IAgentCallLog>(services);
        Forward<Agents.Memory.IAgentMemoryStore>(services);
        Forward<Profiles.IProfileStore>(services);
        Forward<Operations.IDatasetWorkLog>(services);
        return services;
    }

    private static void Forward<TPort>(IServiceCollection services) where TPort : class =>
        services.AddSingleton<TPort>(sp => (TPort)(object)sp.GetRequiredService<RelationalCatalogStore>());
}
