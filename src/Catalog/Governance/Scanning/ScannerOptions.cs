namespace TownLake.Catalog.Governance.Scanning;

/// <summary>Settings of the PII scanner, under <c>TownLake:Governance:Scanner</c>.</summary>
public sealed class ScannerOptions
{
    public const string Section = "TownLake:Governance:Scanner";

    /// <summary>Scan at all. Off leaves every column unclassified until a person classifies it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rows sampled per table (the first rows the source returns), 1 to 100,000.</summary>
    public int SampleRows { get; set; } = 1_000;

    /// <summary>How often every dataset of every connection is rescanned (at least a minute, at most a year).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Scan a dataset as soon as ingestion (or any writer) creates it or changes its columns.</summary>
    public bool ScanAfterIngestion { get; set; } = true;

    /// <summary>Tables sampled at once, 1 to 32: each holds one engine connection while it reads.</summary>
    public int MaxParallelTables { get; set; } = 2;

    /// <summary>Wall-clock limit of sampling one table (one second to an hour); a slower table is skipped until the next scan.</summary>
    public TimeSpan TableTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Characters kept of one sampled value (16 to 65,536); longer values are cut before any detector sees them.</summary>
    public int MaxValueLength { get; set; } = Engine.Sampling.SampleRequest.DefaultMaxValueChars;

    /// <summary>Bytes of text one table's sample may hold (1 MiB to 1 GiB); reading stops there.</summary>
    public long MaxSampleBytes { get; set; } = Engine.Sampling.SampleRequest.DefaultMaxBytes;
}
