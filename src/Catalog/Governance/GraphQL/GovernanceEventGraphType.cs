using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>One governance audit entry.</summary>
public sealed class GovernanceEventGraphType : ObjectGraphType<GovernanceEvent>
{
    public GovernanceEventGraphType()
    {
        Name = "GovernanceEvent";
        Description = "A review, classification, grant, request, PII unlock or refused query.";
        Field<NonNullGraphType<DateTimeGraphType>>("at").Description("When.").Resolve(c => c.Source.At.UtcDateTime);
        Field(e => e.Actor).Description("Who did it.");
        Field<NonNullGraphType<GovernanceEventKindEnum>>("kind").Description("What happened.").Resolve(c => c.Source.Kind);
        Field(e => e.DatasetUrn, nullable: true).Description("The dataset concerned.");
        Field(e => e.Column, nullable: true).Description("The column concerned.");
        Field(e => e.Subject, nullable: true).Description("The user or group it was done for.");
        Field(e => e.Summary).Description("One human line.");
    }
}
