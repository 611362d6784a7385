using GraphQL.Types;

namespace TownLake.Catalog.QueryFront.GraphQL;

/// <summary>GraphQL enum of why a query is run.</summary>
public sealed class QueryPurposeEnum : EnumerationGraphType<QueryPurpose>
{
    public QueryPurposeEnum()
    {
        Name = "QueryPurpose";
        Description = "Why a query is run: QUERY counts as the datasets' usage, PREVIEW (a sample of a dataset's rows) does not; both are audited.";
    }
}
