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
            ReserveThreadsForQueries(options.MaxConcurrentQueries);
            var duckDb = new DuckDbFederatedEngine(new DuckDbEngineOptions
            {
                MemoryLimit = options.DuckDbMemoryLimit,
                Threads = options.DuckDbThreads,
                MaxSpillSize = options.MaxSpillSize,
                SpillRoot = string.IsNullOrWhiteSpace(options.SpillDirectory) ? null : options.SpillDirectory,
            });
            return new QueryRunner(
                [duckDb, sp.GetRequiredService<TrinoQueryEngine>()],
                new QueryRunnerOptions
                {
                    MaxConcurrentQueries = options.MaxConcurrentQueries,
                    MaxConcurrentQueriesPerUser = options.MaxConcurrentQueriesPerUser,
                    MaxQueuedQueriesPerUser = options.MaxQueuedQueriesPerUser,
                    QueueTimeout = options.QueueTimeout,
                    DefaultLimits = new QueryLimits(options.MaxRows, options.Timeout, options.MaxResultBytes),
                    Retention = options.Retention,
                    MaxRetainedRunsPerUser = options.MaxRetainedRunsPerUser,
                    MaxRetainedBytes = options.MaxRetainedBytes,
                },
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<SqlLineageAnalyzer>());
        });
        services.AddSingleton<QueryAccessCheck>();
        services.AddSingleton<QueryAnalysis>();
        services.AddSingleton<QueryFrontService>();
        return services;
    }

    /// <summary>
    /// A running DuckDB query holds a thread-pool thread while it computes (its calls are synchronous), so a few heavy
    /// queries on a 2-core machine took every pool thread and stalled every request for seconds until the pool grew
    /// (every DoS attack's slowest answer was ~2.8 s, at the same moment). The pool starts with that many more threads.
    /// </summary>
    private static void ReserveThreadsForQueries(int maxConcurrentQueries)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + maxConcurrentQueries), completionPorts);
    }
}
