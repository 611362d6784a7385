using GraphQL;
using GraphQL.Types;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.Connections.GraphQL;

/// <summary>The connection query and the ingestion mutation of the GraphQL schema.</summary>
public static class ConnectionOperations
{
    public static void AddConnectionQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConnectionGraphType>>>>("connections")
            .Description("The configured connections, by name.")
            .Resolve(c => c.Service<ConnectionRegistry>().All);
    }

    public static void AddConnectionMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<IngestionSummaryGraphType>>("ingestConnection")
            .Description("Reads a connection's metadata into the catalog now: adds and updates its datasets, soft-deletes the ones that vanished.")
            .Argument<NonNullGraphType<StringGraphType>>("name", "The connection's name.")
            .ResolveAsync(async c =>
            {
                c.Caller().EnsureCanEdit("ingest connections");
                return await c.Service<ConnectionIngestion>().IngestAsync(c.GetArgument<string>("name"), progress: null, c.CancellationToken);
            });
    }
}
