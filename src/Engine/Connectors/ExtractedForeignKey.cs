namespace TownLake.Engine.Connectors;

/// <summary>A foreign key: <see cref="Columns"/> of the owning table reference <see cref="ReferencedColumns"/> of another table, pairwise.</summary>
public sealed record ExtractedForeignKey(
    string Name,
    IReadOnlyList<string> Columns,
    string ReferencedSchema,
    string ReferencedTable,
    IReadOnlyList<string> ReferencedColumns);
