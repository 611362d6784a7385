using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>A review decision of a dataset or column.</summary>
public sealed class ReviewGraphType : ObjectGraphType<Review>
{
    public ReviewGraphType()
    {
        Name = "Review";
        Description = "The review state of a dataset or column, who set it, when and why.";
        Field<NonNullGraphType<ReviewStateEnum>>("state").Description("The state in force.").Resolve(c => c.Source.State);
        Field(r => r.Reviewer).Description("Who decided (townlake for a dataset or column that just appeared).");
        Field<NonNullGraphType<DateTimeGraphType>>("at").Description("When.").Resolve(c => c.Source.At.UtcDateTime);
        Field(r => r.Note, nullable: true).Description("The reviewer's note.");
    }
}
