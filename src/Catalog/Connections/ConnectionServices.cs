using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Lineage.Sql;
using TownLake.Engine.Sql;
using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Connectors.Files;
using TownLake.Engine.Connectors.Postgres;
using TownLake.Engine.Connectors.Trino;

namespace TownLake.Catalog.Connections;

/// <summary>Registers connections, the Engine's metadata extractors, ingestion and its schedules.</summary>
public static class ConnectionServices
{
    /// <summary>Name of the HTTP client Trino extractors and engines share.</summary>
    public const string TrinoHttpClient = "trino";

    /// <summary>Call after the catalog's own hosted services, so the demo is built before it is ingested.</summary>
    public static IServiceCollection AddTownLakeConnections(this IServiceCollection services)
    {
        services.AddOptions<ConnectionsOptions>().BindConfiguration(ConnectionsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConnectionsOptions>, ConnectionsOptionsValidator>();
        services.AddHttpClient(TrinoHttpClient);
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton(sp => new MetadataExtraction(
        [
            new DuckDbMetadataExtractor(),
            new FileMetadataExtractor(),
            new PostgresMetadataExtractor(),
            new TrinoMetadataExtractor(sp.GetRequiredService<IHttpClientFactory>().CreateClient(TrinoHttpClient)),
        ]));
        // View lineage goes through the lineage feature's recorder; TryAdd leaves its own registration in charge when present.
        services.TryAddSingleton<SqlLineageAnalyzer>();
        services.TryAddSingleton<SqlLineageRecorder>();
        services.AddSingleton<ConnectionIngestion>();
        services.AddHostedService<DemoConnectionStartup>();
        services.AddHostedService<ScheduledIngestion>();
        return services;
    }
}
