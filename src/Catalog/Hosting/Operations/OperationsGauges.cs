using TownLake.Catalog.Discovery;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Stores;
using TownLake.Engine.Execution;

namespace TownLake.Catalog.Hosting.Operations;

/// <summary>
/// Gauges read at each scrape: how far the search index and lineage graph trail the store, and how many query-front
/// runs wait and run. Created once at start-up (a hosted service), after the parts they read exist.
/// </summary>
public sealed class OperationsGauges(TownLakeMetrics metrics, CatalogSearch search, LineageIndex lineage, CatalogChangeFeed feed, QueryRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Meter.CreateObservableGauge("townlake.index.lag", () => new[]
        {
            new System.Diagnostics.Metrics.Measurement<long>(search.Lag ?? feed.LastCommitted, new KeyValuePair<string, object?>("index", "search")),
            new System.Diagnostics.Metrics.Measurement<long>(lineage.Lag, new KeyValuePair<string, object?>("index", "lineage")),
        }, "{change}", "Change-log entries the index has not applied yet.");
        metrics.Meter.CreateObservableGauge("townlake.index.position", () => new[]
        {
            new System.Diagnostics.Metrics.Measurement<long>(search.AppliedSequence ?? -1, new KeyValuePair<string, object?>("index", "search")),
            new System.Diagnostics.Metrics.Measurement<long>(lineage.AppliedSequence, new KeyValuePair<string, object?>("index", "lineage")),
        }, "{change}", "Last change-log number the index reflects.");
        metrics.Meter.CreateObservableGauge("townlake.query.queue_depth", () => runner.List().Count(s => s.State == QueryState.Queued), "{query}", "Query-front runs waiting for a slot.");
        metrics.Meter.CreateObservableGauge("townlake.query.running", () => runner.List().Count(s => s.State == QueryState.Running), "{query}", "Query-front runs executing now.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
