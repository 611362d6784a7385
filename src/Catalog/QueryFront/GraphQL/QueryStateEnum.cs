using GraphQL.Types;

namespace TownLake.Catalog.QueryFront.GraphQL;

/// <summary>GraphQL enum of a query run's life cycle.</summary>
public sealed class QueryStateEnum : EnumerationGraphType<QueryRunState>
{
    public QueryStateEnum()
    {
        Name = "QueryState";
        Description = "Where a query run is: waiting, running, or finished one of three ways.";
    }
}
