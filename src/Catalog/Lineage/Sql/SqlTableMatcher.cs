using TownLake.Catalog.Lineage.OpenLineage;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.Lineage.Sql;

/// <summary>
/// Matches a table name as SQL writes it (<c>orders</c>, <c>sales.orders</c>, <c>"db"."sales"."orders"</c>) to one of a
/// job's known datasets: a dataset matches when the written name's parts are a case-insensitive suffix of one of its
/// names (dotted names split the way OpenLineage names are). The first dataset added wins a tie. Used wherever compiled
/// SQL is tied back to declared inputs (OpenLineage events, dbt manifests).
/// </summary>
public sealed class SqlTableMatcher
{
    private readonly List<(string Urn, List<IReadOnlyList<string>> Names)> _candidates = [];

    /// <summary>Adds a dataset known by <paramref name="names"/> (each a list of name parts, e.g. catalog, schema, table).</summary>
    public SqlTableMatcher Add(string urn, params IEnumerable<IReadOnlyList<string>> names)
    {
        _candidates.Add((urn, [.. names]));
        return this;
    }

    /// <summary>Adds a dataset known by dotted names (<c>db.sales.orders</c>); quoted parts may hold dots.</summary>
    public SqlTableMatcher AddDotted(string urn, params IEnumerable<string> dottedNames) =>
        Add(urn, dottedNames.Select(n => (IReadOnlyList<string>)OpenLineageNaming.SplitName(n)));

    /// <summary>The URN of the first dataset whose name ends with <paramref name="table"/>'s parts; null for paths and unknown names.</summary>
    public string? Match(SqlTableName table)
    {
        if (table.IsPath)
        {
            return null;
        }

        var wanted = new[] { table.Catalog, table.Schema, table.Name }.OfType<string>().SelectMany(OpenLineageNaming.SplitName).ToList();
        return _candidates.FirstOrDefault(c => c.Names.Any(parts => EndsWith(parts, wanted))).Urn;
    }

    private static bool EndsWith(IReadOnlyList<string> parts, IReadOnlyList<string> suffix) =>
        suffix.Count > 0 && parts.Count >= suffix.Count
        && suffix.Select((s, i) => string.Equals(s, parts[parts.Count - suffix.Count + i], StringComparison.OrdinalIgnoreCase)).All(x => x);
}
