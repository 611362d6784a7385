using GraphQL.Types;

namespace TownLake.Catalog.Governance.GraphQL;

/// <summary>GraphQL enum of <see cref="RequestState"/>.</summary>
public sealed class RequestStateEnum : EnumerationGraphType<RequestState>
{
    public RequestStateEnum()
    {
        Name = "AccessRequestState";
        Description = "Where an access request stands.";
    }
}
