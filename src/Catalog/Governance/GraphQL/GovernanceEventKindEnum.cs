using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>GraphQL enum of <see cref="GovernanceEventKind"/>.</summary>
public sealed class GovernanceEventKindEnum : EnumerationGraphType<GovernanceEventKind>
{
    public GovernanceEventKindEnum()
    {
        Name = "GovernanceEventKind";
        Description = "What happened, in the governance audit trail.";
    }
}
