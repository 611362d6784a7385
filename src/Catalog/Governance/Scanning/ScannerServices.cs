using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Governance.Scanning.Detectors;
using TownLake.Catalog.Governance.Scanning.Matchers;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Connectors.Trino;
using TownLake.Engine.Execution;
using TownLake.Engine.Sampling;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.Governance.Scanning;

/// <summary>
/// Registers the PII scanner: its options, the detectors (every <see cref="IColumnDetector"/> in the container is asked,
/// so a team plugs in a classifier with one more registration), the table sampler over the query engines, and the
/// scheduler that scans after ingestion and on an interval.
/// </summary>
public static class ScannerServices
{
    /// <summary>Call after the connections and the query front are registered (the sampler shares their engines' settings).</summary>
    public static IServiceCollection AddTownLakeScanner(this IServiceCollection services)
    {
        services.AddOptions<ScannerOptions>().BindConfiguration(ScannerOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScannerOptions>, ScannerOptionsValidator>();
        services.AddSingleton(_ => PersonNameDictionary.LoadEmbedded());
        services.AddSingleton<IColumnDetector>(sp => ValuePatternDetector.CreateDefault(sp.GetRequiredService<PersonNameDictionary>()));
        services.AddSingleton<IColumnDetector, ColumnHintDetector>();
        services.AddSingleton<IColumnDetector, IdentifierShapeDetector>();
        services.AddSingleton<IColumnDetector, DateOfBirthDetector>();
        services.AddSingleton<IColumnDetector, CoordinateRangeDetector>();
        // Keep in step with DefaultDetectors below.
        services.AddSingleton(sp => new ColumnClassifier(sp.GetServices<IColumnDetector>()));
        services.TryAddSingleton<SqlLineageAnalyzer>();
        services.AddSingleton(sp =>
        {
            var query = sp.GetRequiredService<IOptions<QueryFront.QueryFrontOptions>>().Value;
            // Its own DuckDB engine (stateless; one in-memory database per sample) with the query front's spill settings,
            // and the query front's Trino engine, which already carries the shared HTTP client.
            IQueryEngine duckDb = new DuckDbFederatedEngine(new DuckDbEngineOptions
            {
                MaxSpillSize = query.MaxSpillSize,
                SpillRoot = string.IsNullOrWhiteSpace(query.SpillDirectory) ? null : query.SpillDirectory,
            });
            return new TableSampler([duckDb, sp.GetRequiredService<TrinoQueryEngine>()], sp.GetRequiredService<SqlLineageAnalyzer>());
        });
        services.AddSingleton<PiiScanner>();
        services.AddSingleton<ScanScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ScanScheduler>());
        return services;
    }

    /// <summary>The detectors the catalog registers, for callers outside the container (the scanner benchmark, tests).</summary>
    public static IReadOnlyList<IColumnDetector> DefaultDetectors(PersonNameDictionary names) =>
    [
        ValuePatternDetector.CreateDefault(names), new ColumnHintDetector(), new IdentifierShapeDetector(), new DateOfBirthDetector(), new CoordinateRangeDetector(),
    ];
}
