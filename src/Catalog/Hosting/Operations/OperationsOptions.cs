namespace TownLake.Catalog.Hosting.Operations;

/// <summary>Settings under <c>TownLake:Operations</c>: readiness thresholds and telemetry exporters.</summary>
public sealed class OperationsOptions
{
    public const string Section = "TownLake:Operations";

    /// <summary>
    /// Readiness fails while the search index or the lineage graph is more than this many change-log entries behind
    /// the store (catching up after a crash or a long outage). Default 1000.
    /// </summary>
    public long MaxIndexLag { get; set; } = 1000;

    /// <summary>How long the readiness probe waits for the store before calling it unreachable. Default 2 s.</summary>
    public TimeSpan StoreProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Serve Prometheus metrics at <c>/metrics</c>. Default on.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>Send traces and metrics by OTLP to this endpoint (e.g. <c>http://otel-collector:4317</c>). Default none (off).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// The longest wait between two attempts to reach a store that is unreachable at start-up (the wait starts at 1 s and
    /// doubles up to this). Default 30 s.
    /// </summary>
    public TimeSpan StoreStartupRetryMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Change-log entries younger than this are always kept; older ones are pruned once every live follower (each
    /// replica's search index and lineage graph) has applied them. Default 7 days.
    /// </summary>
    public TimeSpan ChangeLogRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// A follower that has not reported its position for this long (a replica that is down) no longer holds pruning
    /// back; if it comes back after its entries went, it rebuilds from the store and logs that it did. Default 1 day.
    /// </summary>
    public TimeSpan ChangeLogFollowerTimeout { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often one replica prunes the change log. Default 10 minutes.</summary>
    public TimeSpan ChangeLogPruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a SIGTERM waits for in-flight requests and index work before the process exits. Default 20 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
