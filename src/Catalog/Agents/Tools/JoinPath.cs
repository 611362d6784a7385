using TownLake.Catalog.Datasets;

namespace TownLake.Catalog.Agents.Tools;

/// <summary>
/// How one result joins another: the other dataset, the SQL condition, and whether the catalog declares it (a foreign
/// key) or search inferred it from shared key names.
/// </summary>
public sealed record JoinPath(string With, string? On, string Kind)
{
    /// <summary>Joins among a set of datasets: every declared foreign key between two of them, then inferred ones not already declared.</summary>
    public static IReadOnlyDictionary<string, List<JoinPath>> Among(IReadOnlyList<Dataset> datasets, IReadOnlyDictionary<string, IReadOnlyList<string>> inferred)
    {
        var byName = datasets.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        var byUrn = datasets.ToDictionary(d => d.Urn, StringComparer.Ordinal);
        var paths = datasets.ToDictionary(d => d.Name, _ => new List<JoinPath>(), StringComparer.OrdinalIgnoreCase);
        foreach (var dataset in datasets)
        {
            foreach (var column in dataset.Columns.Where(c => c.ForeignKey is not null))
            {
                var fk = column.ForeignKey!;
                if (!byName.TryGetValue(fk.Dataset, out var target) || target.Name == dataset.Name)
                {
                    continue;
                }

                var on = $"{dataset.Name}.{column.Name} = {target.Name}.{fk.Column}";
                Add(paths[dataset.Name], new JoinPath(target.Name, on, "declared"));
                Add(paths[target.Name], new JoinPath(dataset.Name, on, "declared"));
            }
        }

        foreach (var (urn, related) in inferred)
        {
            if (!byUrn.TryGetValue(urn, out var dataset))
            {
                continue;
            }

            foreach (var other in related.Select(r => byUrn.GetValueOrDefault(r)).OfType<Dataset>().Where(o => o.Name != dataset.Name))
            {
                if (paths[dataset.Name].Any(p => p.With == other.Name))
                {
                    continue;
                }

                Add(paths[dataset.Name], new JoinPath(other.Name, SharedKey(dataset, other), "inferred"));
            }
        }

        return paths;
    }

    private static void Add(List<JoinPath> list, JoinPath path)
    {
        if (!list.Any(p => p.With == path.With && p.On == path.On))
        {
            list.Add(path);
        }
    }

    /// <summary>A column both datasets have that looks like a key (<c>*_id</c>), as the inferred condition.</summary>
    private static string? SharedKey(Dataset a, Dataset b)
    {
        var shared = a.Columns.Select(c => c.Name)
            .Intersect(b.Columns.Select(c => c.Name), StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(n => n.EndsWith("_id", StringComparison.OrdinalIgnoreCase) || n.Equals("id", StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault();
        return shared is null ? null : $"{a.Name}.{shared} = {b.Name}.{shared}";
    }
}
