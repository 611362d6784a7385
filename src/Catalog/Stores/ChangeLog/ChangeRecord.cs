namespace TownLake.Catalog.Stores.ChangeLog;

/// <summary>
/// One change a write commits, as the change log records it: what kind of thing changed and its key (an entity's
/// URN, a lineage edge set's downstream URN). The log carries keys, never payloads: a follower re-reads the current
/// state of each key, so applying an entry twice, or an older entry after a newer one, converges on the same result.
/// </summary>
/// <remarks>
/// <para>How a new write path joins the log (governance policies, agent memory notes, jobs and runs, profiles, …):
/// inside the store method's transaction, replace <c>await transaction.CommitAsync(ct)</c> with
/// <c>await CommitWithChangesAsync(connection, transaction, [new ChangeRecord("policy", urn)], ct)</c>
/// (RelationalCatalogStore.ChangeLog.cs). That one call numbers the records from the counter row, inserts them in
/// the same transaction as the write, commits, and wakes this process's followers; PostgreSQL's <c>NOTIFY</c>, sent
/// by the same transaction, wakes the other replicas. A write that rolls back leaves no entry and no gap.</para>
/// <para>Then follow the kind: a follower reads <see cref="IChangeLog.ReadAfterAsync"/> from its own position,
/// skips kinds it does not know, and records the position it reached where its state is persisted.</para>
/// </remarks>
public sealed record ChangeRecord(string Kind, string Key);
