using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TownLake.Catalog.Hosting.Operations;

/// <summary>
/// The service's own instruments (meter and activity source <c>TownLake</c>): search latency, query-front starts per
/// user and durations. Gauges that read live state (index lag, query queue depth) are in <see cref="OperationsGauges"/>.
/// </summary>
public sealed class TownLakeMetrics : IDisposable
{
    public const string Name = "TownLake";
    private readonly Meter _meter;
    private readonly Histogram<double> _searchDuration;
    private readonly Counter<long> _queriesStarted;
    private readonly Histogram<double> _queryDuration;

    public TownLakeMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _searchDuration = _meter.CreateHistogram<double>("townlake.search.duration", "ms", "Time to answer a search, in process.");
        _queriesStarted = _meter.CreateCounter<long>("townlake.query.started", "{query}", "Queries submitted to the query front, per user.");
        _queryDuration = _meter.CreateHistogram<double>("townlake.query.duration", "ms", "Query-front runs from submission to their final state, per engine and state.");
    }

    /// <summary>Traces of the service's own work (searches), beside ASP.NET Core's and Npgsql's.</summary>
    public ActivitySource Tracing { get; } = new(Name);

    internal Meter Meter => _meter;

    public void SearchAnswered(TimeSpan elapsed) => _searchDuration.Record(elapsed.TotalMilliseconds);

    public void QueryStarted(string user) => _queriesStarted.Add(1, new KeyValuePair<string, object?>("user", user));

    public void QueryFinished(string? engine, string state, TimeSpan elapsed) =>
        _queryDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("engine", engine ?? "none"), new KeyValuePair<string, object?>("state", state));

    public void Dispose()
    {
        Tracing.Dispose();
        _meter.Dispose();
    }
}
