namespace TownLake.Catalog.Lineage.OpenLineage;

/// <summary>The received OpenLineage events, kept as sent (the Marquez-compatible reads and re-derivation use them).</summary>
public interface ILineageEventLog
{
    /// <summary>
    /// Stores an OpenLineage event under its key. Returns false (and writes nothing) when an event with the same key and
    /// content hash is already stored; a different event under the same key replaces the stored one.
    /// </summary>
    Task<bool> RecordLineageEventAsync(StoredLineageEvent lineageEvent, CancellationToken cancellationToken);

    /// <summary>Stored OpenLineage events, newest first (optionally of one job), at most <paramref name="first"/>.</summary>
    Task<IReadOnlyList<StoredLineageEvent>> ListLineageEventsAsync(string? jobUrn, int first, CancellationToken cancellationToken);

    /// <summary>A page of stored events within a time window, in either order, with the count of all that match.</summary>
    Task<LineageEventPage> PageLineageEventsAsync(LineageEventQuery query, CancellationToken cancellationToken);
}
