namespace TownLake.Catalog.Lineage.Impact;

/// <summary>How a column changed in a way that can break what reads it.</summary>
public enum SchemaChangeKind
{
    Dropped,
    Renamed,
    Retyped,
}

/// <summary>One breaking change of one column: dropped, renamed (to <see cref="NewName"/>) or retyped (from → to).</summary>
public sealed record SchemaColumnChange(string Column, SchemaChangeKind Kind, string? NewName = null, string? OldType = null, string? NewType = null);
