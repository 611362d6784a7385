namespace TownLake.Catalog.QueryFront;

/// <summary>
/// Where a recorded query run is. The catalog's own copy of the engine's run states (mapped in
/// <see cref="EngineQueryOutcome"/>), so the audit trail does not change when the engine does. Stored by member name
/// in upper case (<c>SUCCEEDED</c>): renaming a member needs a migration.
/// </summary>
public enum QueryRunState
{
    /// <summary>Waiting for a free execution slot.</summary>
    Queued,

    /// <summary>Executing; rows fetched so far can already be paged.</summary>
    Running,

    /// <summary>Finished; every row (up to the cap) is available.</summary>
    Succeeded,

    /// <summary>Stopped by an error (including timeout and refusal before running); see <see cref="QueryRecord.Error"/>.</summary>
    Failed,

    /// <summary>Stopped by its caller or by shutdown.</summary>
    Cancelled,
}
