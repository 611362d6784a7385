using TownLake.Catalog.Datasets;

namespace TownLake.Catalog.Lineage.Marquez;

/// <summary>A catalog dataset under the OpenLineage namespace and name Marquez clients know it by (its primary alias).</summary>
public sealed record MarquezDataset(Dataset Dataset, string Namespace, string Name);

/// <summary>
/// The catalog as Marquez sees it, read once per request: every live dataset under its primary OpenLineage identity
/// and every live job. Marquez's namespaces are the namespaces these use; its sources are the datasets' namespaces.
/// </summary>
public sealed record MarquezCatalogView(IReadOnlyList<MarquezDataset> Datasets, IReadOnlyList<Job> Jobs)
{
    /// <summary>Every namespace in use, by name (ordinal), with when it was first and last touched.</summary>
    public IReadOnlyList<(string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)> Namespaces() =>
        Datasets.Select(d => (d.Namespace, d.Dataset.CreatedAt, d.Dataset.UpdatedAt))
            .Concat(Jobs.Select(j => (j.Namespace, j.CreatedAt, j.UpdatedAt)))
            .GroupBy(n => n.Item1, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Min(n => n.Item2), g.Max(n => n.Item3)))
            .OrderBy(n => n.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>The namespaces datasets live in: Marquez's sources (an OpenLineage dataset namespace names its source).</summary>
    public IReadOnlyList<(string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)> Sources() =>
        Datasets.GroupBy(d => d.Namespace, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Min(d => d.Dataset.CreatedAt), g.Max(d => d.Dataset.UpdatedAt)))
            .OrderBy(n => n.Key, StringComparer.Ordinal)
            .ToList();

    public IReadOnlyList<MarquezDataset> DatasetsIn(string @namespace) =>
        Datasets.Where(d => d.Namespace == @namespace).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<Job> JobsIn(string @namespace) =>
        Jobs.Where(j => j.Namespace == @namespace).OrderBy(j => j.Name, StringComparer.Ordinal).ToList();

    public bool HasNamespace(string @namespace) => Datasets.Any(d => d.Namespace == @namespace) || Jobs.Any(j => j.Namespace == @namespace);
}
