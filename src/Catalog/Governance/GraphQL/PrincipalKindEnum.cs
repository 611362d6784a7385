using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>GraphQL enum of <see cref="PrincipalKind"/>.</summary>
public sealed class PrincipalKindEnum : EnumerationGraphType<PrincipalKind>
{
    public PrincipalKindEnum()
    {
        Name = "PrincipalKind";
        Description = "Who a grant is for: a USER or every member of a GROUP.";
    }
}
