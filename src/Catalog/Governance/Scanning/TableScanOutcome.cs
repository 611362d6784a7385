using TownLake.Engine.Execution;

namespace TownLake.Catalog.Governance.Scanning;

/// <summary>One table of a scan batch: its scan, or why it could not be read.</summary>
public sealed record TableScanOutcome(TableToScan Table, TableScan? Scan, QueryException? Error);
