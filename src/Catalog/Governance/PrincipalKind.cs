namespace TownLake.Catalog.Governance;

/// <summary>Who a grant is for: one user, or every member of a group.</summary>
public enum PrincipalKind
{
    User,
    Group,
}
