using Microsoft.Extensions.Options;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Profiling;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.Profiles;

/// <summary>Registers data profiling: the Engine's profiler on the embedded engine, the catalog's service, queue and worker.</summary>
public static class ProfileServices
{
    public static IServiceCollection AddTownLakeProfiles(this IServiceCollection services)
    {
        services.AddOptions<ProfilesOptions>().BindConfiguration(ProfilesOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProfilesOptions>, ProfilesOptionsValidator>();
        // Its own embedded engine with default resource limits: profiling is background work and must not take the
        // query front's engine settings (or its fair scheduler's slots) from people's queries.
        services.AddSingleton(sp => new TableProfiler(new DuckDbFederatedEngine(), sp.GetRequiredService<SqlLineageAnalyzer>()));
        services.AddSingleton<DatasetProfiling>();
        services.AddSingleton<ProfilingQueue>();
        services.AddHostedService<ProfilingWorker>();
        return services;
    }
}
