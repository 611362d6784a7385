namespace TownLake.Catalog.Datasets;

/// <summary>How a dataset browse is sorted. Every order ends with the name, so a page boundary is always exact.</summary>
public enum DatasetOrder
{
    /// <summary>By name, A to Z (the default).</summary>
    Name,

    /// <summary>Most recently changed first: the time of the last write that changed any aspect.</summary>
    RecentlyUpdated,

    /// <summary>Most successful audited queries first (the same count as a dataset's <c>usage.queryCount</c>).</summary>
    MostQueried,
}
