using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Connections;
using TownLake.Engine.Execution;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Sql;
using TownLake.Engine.Connectors.Trino;

namespace TownLake.Catalog.QueryFront;

/// <summary>Registers the query front: options, the Engine's runner with its engines, analysis, access check, audit.</summary>
public static class QueryServices
{
    public static IServiceCollection AddTownLakeQueries(this IServiceCollection services)
    {
        services.AddOptions<QueryFrontOptions>().BindConfiguration(QueryFrontOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QueryFrontOptions>, QueryFrontOptionsValidator>();
        services.TryAddSingleton<SqlLineageAnalyzer>();
        services.AddSingleton(sp => new TrinoQueryEngine(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ConnectionServices.TrinoHttpClient)));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<QueryFrontOptions>>().Value;
            return new QueryRunner(
                [new DuckDbFederatedEngine(), sp.GetRequiredService<TrinoQueryEngine>()],
                new QueryRunnerOptions
                {
                    MaxConcurrentQueries = options.MaxConcurrentQueries,
                    DefaultLimits = new QueryLimits(options.MaxRows, options.Timeout),
                    Retention = options.Retention,
                },
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<SqlLineageAnalyzer>());
        });
        services.AddSingleton<QueryAccessCheck>();
        services.AddSingleton<QueryAnalysis>();
        services.AddSingleton<QueryFrontService>();
        return services;
    }
}
