namespace TownLake.Catalog.Connections;

/// <summary>What one ingestion of a connection did to the catalog.</summary>
/// <param name="Connection">The connection ingested.</param>
/// <param name="Added">Datasets new to the catalog (or back after having vanished).</param>
/// <param name="Changed">Datasets whose metadata changed (columns, comments, statistics…).</param>
/// <param name="Removed">Datasets of this connection the source no longer has; soft-deleted.</param>
/// <param name="Unchanged">Datasets seen again exactly as stored.</param>
/// <param name="Columns">Columns over every dataset read.</param>
/// <param name="Duration">Extraction and saving together.</param>
/// <param name="Warnings">Objects the source could not describe (the rest was ingested).</param>
public sealed record IngestionSummary(
    string Connection,
    int Added,
    int Changed,
    int Removed,
    int Unchanged,
    int Columns,
    TimeSpan Duration,
    IReadOnlyList<string> Warnings);
