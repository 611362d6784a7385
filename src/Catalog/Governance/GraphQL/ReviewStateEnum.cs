using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>GraphQL enum of <see cref="ReviewState"/>.</summary>
public sealed class ReviewStateEnum : EnumerationGraphType<ReviewState>
{
    public ReviewStateEnum()
    {
        Name = "ReviewState";
        Description = "Where a dataset or column stands in review: PENDING (hidden, not queryable), APPROVED, DENIED.";
    }
}
