using TownLake.Catalog.Datasets;

namespace TownLake.Catalog.Lineage.Impact;

/// <summary>The breaking column changes between two versions of a dataset's schema; added columns break nothing.</summary>
public static class SchemaChanges
{
    public static IReadOnlyList<SchemaColumnChange> Between(IReadOnlyList<SchemaField> before, IReadOnlyList<SchemaField> after)
    {
        var afterByName = after.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var beforeNames = before.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = after.Where(c => !beforeNames.Contains(c.Name)).ToList();
        var changes = new List<SchemaColumnChange>();
        foreach (var column in before)
        {
            if (afterByName.TryGetValue(column.Name, out var kept))
            {
                if (column.NativeType is { } oldType && kept.NativeType is { } newType && !SameType(oldType, newType))
                {
                    changes.Add(new SchemaColumnChange(column.Name, SchemaChangeKind.Retyped, OldType: oldType, NewType: newType));
                }

                continue;
            }

            // A column gone and a new one of the same type in its place is a rename: sources report no rename as such.
            var successor = added.FirstOrDefault(a => a.Ordinal == column.Ordinal && SameType(a.NativeType, column.NativeType));
            if (successor is not null)
            {
                added.Remove(successor);
                changes.Add(new SchemaColumnChange(column.Name, SchemaChangeKind.Renamed, NewName: successor.Name, OldType: column.NativeType, NewType: successor.NativeType));
            }
            else
            {
                changes.Add(new SchemaColumnChange(column.Name, SchemaChangeKind.Dropped, OldType: column.NativeType));
            }
        }

        return changes;
    }

    private static bool SameType(string? a, string? b) =>
        string.Equals(a?.Replace(" ", ""), b?.Replace(" ", ""), StringComparison.OrdinalIgnoreCase);
}
