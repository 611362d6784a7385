namespace TownLake.Engine.Execution;

/// <summary>Life cycle of a run in <see cref="QueryRunner"/>.</summary>
public enum QueryState
{
    /// <summary>Waiting for a free execution slot.</summary>
    Queued,

    /// <summary>Executing; rows fetched so far can already be paged.</summary>
    Running,

    /// <summary>Finished; every row (up to the cap) is available.</summary>
    Succeeded,

    /// <summary>Stopped by an error (including timeout); see <see cref="QueryStatus.Error"/>.</summary>
    Failed,

    /// <summary>Stopped by <see cref="QueryRunner.Cancel"/> or shutdown.</summary>
    Cancelled,
}
