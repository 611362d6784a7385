namespace TownLake.Engine.Connectors;

/// <summary>What an extracted dataset is in its source.</summary>
public enum TableKind
{
    /// <summary>A stored table.</summary>
    Table,

    /// <summary>A view; its SQL is in <see cref="ExtractedTable.ViewSql"/>.</summary>
    View,

    /// <summary>A materialized view (PostgreSQL).</summary>
    MaterializedView,

    /// <summary>A foreign or external table.</summary>
    External,

    /// <summary>A set of files read as one dataset (one file or a Hive-partitioned directory).</summary>
    Files,
}
