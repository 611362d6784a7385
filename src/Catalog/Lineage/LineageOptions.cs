namespace TownLake.Catalog.Lineage;

/// <summary>
/// Lineage settings under <c>TownLake:Lineage</c>: which OpenLineage namespaces are the catalog's own connections, so a
/// table a connector ingests and the same table named by OpenLineage events or dbt are one catalog dataset.
/// </summary>
public sealed class LineageOptions
{
    public const string Section = "TownLake:Lineage";

    /// <summary>OpenLineage namespace (e.g. <c>postgres://db.internal:5432</c>) → connection name, optionally per database.</summary>
    public List<NamespaceMapping> Namespaces { get; set; } = [];
}

/// <summary>
/// Datasets of <see cref="Namespace"/> (and, when set, of database <see cref="Database"/>, the first part of a
/// three-part name) belong to the catalog connection <see cref="Connection"/>.
/// </summary>
public sealed class NamespaceMapping
{
    public string Namespace { get; set; } = "";

    public string? Database { get; set; }

    public string Connection { get; set; } = "";
}
