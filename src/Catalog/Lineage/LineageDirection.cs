namespace TownLake.Catalog.Lineage;

/// <summary>Which way to walk lineage: towards sources (upstream), towards consumers (downstream), or both.</summary>
public enum LineageDirection
{
    Upstream,
    Downstream,
    Both,
}
