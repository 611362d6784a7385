using TownLake.Catalog.Datasets;

namespace TownLake.Catalog.Governance.Scanning;

/// <summary>One table of a scan batch: where it is, and the catalog's columns (descriptions and keys are hints).</summary>
public sealed record TableToScan(string Schema, string Table, IReadOnlyList<SchemaField> CatalogColumns)
{
    /// <summary>The dataset the table is, when the scan is for the catalog (null in benchmarks and tools).</summary>
    public string? DatasetUrn { get; init; }

    /// <summary>The dataset's schema version when it was queued (a rescan is needed only when it changes).</summary>
    public int SchemaVersion { get; init; }
}
