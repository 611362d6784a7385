using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>A column in review.</summary>
public sealed class ColumnGovernanceGraphType : ObjectGraphType<ColumnGovernance>
{
    public ColumnGovernanceGraphType()
    {
        Name = "ColumnGovernance";
        Description = "A column's review state and classification (reviewers).";
        Field(x => x.Name).Description("The column.");
        Field<NonNullGraphType<ReviewStateEnum>>("state").Description("PENDING until reviewed.").Resolve(c => c.Source.State);
        Field<ReviewGraphType>("review").Description("The last review.").Resolve(c => c.Source.Review);
        Field<ClassificationGraphType>("classification").Description("What the column holds, if classified.").Resolve(c => c.Source.Classification);
    }
}
