namespace TownLake.Search.Indexing;

/// <summary>What opening the index found, and whether it had to be rebuilt from the caller's store.</summary>
public enum IndexOpenOutcome
{
    /// <summary>A healthy index of the current format was opened as it was.</summary>
    OpenedExisting,

    /// <summary>No index existed; it was built from the caller's documents.</summary>
    BuiltMissing,

    /// <summary>The index could not be read; it was wiped and rebuilt.</summary>
    RebuiltCorrupt,

    /// <summary>The index was written by another format version; it was rebuilt.</summary>
    RebuiltOutdated,
}
