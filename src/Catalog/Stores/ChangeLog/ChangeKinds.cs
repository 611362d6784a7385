namespace TownLake.Catalog.Stores.ChangeLog;

/// <summary>
/// Kinds of change-log entries besides entity types (whose kind is the stored type name, e.g. <c>dataset</c>,
/// <see cref="RelationalCatalogStore.TypeName"/>). Stable: followers on older replicas read them.
/// </summary>
public static class ChangeKinds
{
    /// <summary>The lineage edges leading into the keyed dataset changed.</summary>
    public const string Lineage = "lineage";

    /// <summary>The keyed dataset's query count (search popularity) changed.</summary>
    public const string Popularity = "popularity";
}
