using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>An access request and its decision.</summary>
public sealed class AccessRequestGraphType : ObjectGraphType<AccessRequest>
{
    public AccessRequestGraphType()
    {
        Name = "AccessRequest";
        Description = "A request for access to a dataset, and the reviewer's decision once made.";
        this.AddIdField("The request's id.");
        Field(r => r.Requester).Description("Who asked.");
        this.AddTermsFields("Columns asked for; empty means all.");
        Field(r => r.Reason).Description("Why.");
        Field<NonNullGraphType<IntGraphType>>("durationMinutes").Description("How long access is wanted for.").Resolve(c => (int)c.Source.Duration.TotalMinutes);
        Field<NonNullGraphType<DateTimeGraphType>>("requestedAt").Description("When it was asked.").Resolve(c => c.Source.RequestedAt.UtcDateTime);
        Field<NonNullGraphType<RequestStateEnum>>("state").Description("PENDING, APPROVED or DENIED.").Resolve(c => c.Source.State);
        Field(r => r.DecidedBy, nullable: true).Description("The reviewer who decided.");
        Field<DateTimeGraphType>("decidedAt").Description("When it was decided.").Resolve(c => c.Source.DecidedAt?.UtcDateTime);
        Field(r => r.DecisionNote, nullable: true).Description("The reviewer's note.");
        Field(r => r.GrantId, nullable: true).Description("The grant an approval created.");
    }
}
