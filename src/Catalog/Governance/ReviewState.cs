namespace TownLake.Catalog.Governance;

/// <summary>Where a dataset or a column stands in review: pending (hidden, not queryable), approved, or denied (hidden for good).</summary>
public enum ReviewState
{
    Pending,
    Approved,
    Denied,
}
