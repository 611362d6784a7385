namespace TownLake.Search.Indexing;

/// <summary>
/// The version of the document layout and analysis. Bump it whenever either changes: an index
/// written with another version is rebuilt from the caller's store on open.
/// </summary>
internal static class IndexFormat
{
    public const string VersionKey = "townlake.search.format";
    public const string CurrentVersion = "15";

    /// <summary>
    /// Commit user data key of the caller's checkpoint (e.g. the last change-log number applied): written with every
    /// commit, so after a crash the caller knows exactly from where to catch up.
    /// </summary>
    public const string CheckpointKey = "townlake.search.checkpoint";
}
