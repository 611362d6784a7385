namespace TownLake.Catalog.Governance;

/// <summary>Who classified a column: a scanner (a pending finding until reviewed) or a person (an override no rescan reverts).</summary>
public enum ClassificationSource
{
    Scanner,
    Person,
}
