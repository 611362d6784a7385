using GraphQL.Types;
using TownLake.Catalog.Datasets.GraphQL;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>A dataset with its governance policy: what a reviewer works on.</summary>
public sealed class ReviewItemGraphType : ObjectGraphType<ReviewItem>
{
    public ReviewItemGraphType()
    {
        Name = "ReviewItem";
        Description = "A dataset with its review, and each column's review and classification (scanner category, confidence, evidence).";
        Field<NonNullGraphType<DatasetGraphType>>("dataset").Description("The dataset.").Resolve(c => c.Source.Dataset);
        Field<NonNullGraphType<ReviewStateEnum>>("state").Description("The dataset's state (PENDING until reviewed).").Resolve(c => c.Source.Policy.State);
        Field<ReviewGraphType>("review").Description("The dataset's last review.").Resolve(c => c.Source.Policy.Review);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ColumnGovernanceGraphType>>>>("columns").Description("Every column, in source order.").Resolve(c => c.Source.Columns);
    }
}
