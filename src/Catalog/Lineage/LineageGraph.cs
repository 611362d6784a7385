using TownLake.Catalog.Datasets;

namespace TownLake.Catalog.Lineage;

/// <summary>A walked part of the lineage graph around <see cref="Root"/>: its nodes with their distance, the edges among them.</summary>
public sealed record LineageGraph(string Root, IReadOnlyList<LineageNode> Nodes, IReadOnlyList<LineageEdge> Edges, bool Truncated);

/// <summary>A dataset (column null) or one of its columns reached by a walk, <see cref="Depth"/> steps from the root.</summary>
public sealed record LineageNode(string DatasetUrn, string? Column, int Depth)
{
    public string Urn => Column is null ? DatasetUrn : Identity.Urn.Column(DatasetUrn, Column);
}

/// <summary>A dataset (or one of its columns) affected by a change upstream, with the people to tell.</summary>
public sealed record ImpactedItem(Dataset Dataset, string? Column, int Depth)
{
    public IReadOnlyList<Ownership> Owners => Dataset.Owners;
}
