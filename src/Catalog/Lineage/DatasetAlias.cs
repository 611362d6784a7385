namespace TownLake.Catalog.Lineage;

/// <summary>
/// An outside name of a catalog dataset: an OpenLineage namespace + name (a physical location, a symlink, a dbt
/// relation). Many aliases may lead to one dataset; the primary one is how the dataset is shown to Marquez clients.
/// </summary>
public sealed record DatasetAlias(string Namespace, string Name, string DatasetUrn, bool IsPrimary);
