using TownLake.Catalog.Datasets;

namespace TownLake.Catalog.Demo;

/// <summary>
/// One table of the demo warehouse: how it is built (generating SQL for sources, a SELECT over other tables for
/// derived ones — the lineage is derived from that SQL), and the metadata a data team would have written for it.
/// </summary>
public sealed record DemoTable(
    string Schema,
    string Table,
    string Sql,
    string Description,
    IReadOnlyList<Ownership> Owners,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Terms,
    string? Domain,
    IReadOnlyDictionary<string, DemoColumn> Columns)
{
    /// <summary>True when <see cref="Sql"/> reads other warehouse tables (and so has lineage).</summary>
    public bool IsDerived { get; init; } = true;

    public string Name => $"demo.{Schema}.{Table}";
}

/// <summary>What the demo documents about one column.</summary>
public sealed record DemoColumn(string? Description, IReadOnlyList<string>? Tags = null, IReadOnlyList<string>? Terms = null, bool PrimaryKey = false, string? References = null);
