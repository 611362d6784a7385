using Microsoft.Extensions.DependencyInjection.Extensions;
using TownLake.Catalog.Lineage.Dbt;
using TownLake.Catalog.Lineage.Marquez;
using TownLake.Catalog.Lineage.OpenLineage;
using TownLake.Catalog.Lineage.Sql;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.Lineage;

/// <summary>Registers the lineage feature's services and options.</summary>
public static class LineageServices
{
    public static IServiceCollection AddTownLakeLineage(this IServiceCollection services)
    {
        services.AddOptions<LineageOptions>().BindConfiguration(LineageOptions.Section);
        services.AddOptions<OpenLineageLimits>().BindConfiguration(OpenLineageLimits.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<OpenLineageLimits>, OpenLineageLimitsValidator>();
        // The analyzer holds a DuckDB parser; other features may register it too, so one instance is shared.
        services.TryAddSingleton<SqlLineageAnalyzer>();
        services.AddSingleton<SqlLineageRecorder>();
        services.AddSingleton<OpenLineageNaming>();
        services.AddSingleton<OpenLineageRunRecorder>();
        services.AddSingleton<OpenLineageIngestor>();
        services.AddSingleton<OpenLineage.Split.MergedDatasetSplitter>();
        services.AddHostedService<OpenLineage.Split.MergedDatasetSplitRunner>();
        services.AddSingleton<DbtManifestIngestor>();
        services.AddSingleton(sp => new LineageIndex(sp.GetRequiredService<ILineageStore>(), sp.GetRequiredService<Stores.ChangeLog.IChangeLog>(), sp.GetRequiredService<Stores.CatalogChangeFeed>()));
        services.AddHostedService<LineageFollower>();
        services.AddSingleton<LineageService>();
        services.AddSingleton<Impact.SchemaChangeImpactRecorder>();
        services.AddSingleton<MarquezLineageReader>();
        services.AddSingleton<MarquezReadService>();
        return services;
    }
}
