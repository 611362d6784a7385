using GraphQL.Types;
using TownLake.Engine.Connectors;

namespace TownLake.Catalog.Connections.GraphQL;

/// <summary>GraphQL type of a configured connection: name, type and description only — never its address or secrets.</summary>
public sealed class ConnectionGraphType : ObjectGraphType<ConfiguredConnection>
{
    public ConnectionGraphType()
    {
        Name = "Connection";
        Description = "A configured source of datasets; its name is the first part of their names.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The connection's name, e.g. demo or shop.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("type").Description("duckdb, files, postgres or trino.").Resolve(c => c.Source.Type.ToName());
        Field<StringGraphType>("description").Description("What the source holds, as configured.").Resolve(c => c.Source.Description);
    }
}
