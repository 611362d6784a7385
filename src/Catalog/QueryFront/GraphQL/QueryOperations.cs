using GraphQL;
using GraphQL.Types;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.QueryFront.GraphQL;

/// <summary>The query-front fields of the GraphQL schema: run SQL, follow it, page its results, cancel it; dataset usage.</summary>
public static class QueryOperations
{
    /// <summary>Rows one results page may ask for.</summary>
    public const int MaxPageRows = 10_000;

    public static void AddQueryFrontQueries(this ObjectGraphType query)
    {
        query.Field<QueryRunGraphType>("queryRun").Description("A query run by id; null when unknown, expired or someone else's.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The run's id (from startQuery).")
            .ResolveAsync(async c => await c.Service<QueryFrontService>().GetAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken));
        query.Field<NonNullGraphType<ResultPageGraphType>>("results").Description("A page of a run's rows; waits until the page's rows have arrived or the run has ended.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The run's id.")
            .Argument<IntGraphType>("offset", "0-based first row (default 0).", a => a.DefaultValue = 0)
            .Argument<IntGraphType>("limit", $"Rows (default 100, at most {MaxPageRows:N0}).", a => a.DefaultValue = 100)
            .ResolveAsync(async c => await c.Service<QueryFrontService>().ResultsAsync(
                c.GetArgument<string>("id"), c.GetArgument("offset", 0), c.GetArgument("limit", 100), MaxPageRows, c.Caller(), c.CancellationToken));
    }

    public static void AddQueryFrontMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<QueryRunGraphType>>("startQuery")
            .Description("Runs one read-only SQL statement over catalog datasets (connection.schema.table) as you; returns at once. Follow it with queryRun and results.")
            .Argument<NonNullGraphType<StringGraphType>>("sql", "The statement.")
            .Argument<BooleanGraphType>("unlockPii", "Return PII unredacted where you hold an unexpired READ_PII grant (needs a reason; audited). Default false: PII comes back as a stable keyed mask.", a => a.DefaultValue = false)
            .Argument<StringGraphType>("reason", "Why you need PII unredacted on this query (e.g. a ticket); required with unlockPii.")
            .Argument<NonNullGraphType<QueryPurposeEnum>>("purpose", "Why it is run (default QUERY); a PREVIEW of a dataset's rows is audited but does not count as its usage.", a => a.DefaultValue = QueryPurpose.Query)
            .ResolveAsync(async c => await c.Service<QueryFrontService>().StartAsync(c.GetArgument<string>("sql"), c.Caller(), c.CancellationToken,
                c.GetArgument("unlockPii", false) ? new PiiUnlock(c.GetArgument<string?>("reason") ?? "") : null, c.GetArgument("purpose", QueryPurpose.Query)));
        mutation.Field<NonNullGraphType<QueryRunGraphType>>("cancelQuery").Description("Stops a run of yours; returns it once stopped.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The run's id.")
            .ResolveAsync(async c => await c.Service<QueryFrontService>().CancelAsync(c.GetArgument<string>("id"), c.Caller(), c.CancellationToken));
    }

    /// <summary>Adds <c>usage: DatasetUsage!</c> to the dataset type.</summary>
    public static void AddUsageField(this ObjectGraphType<Dataset> dataset)
    {
        dataset.Field<NonNullGraphType<DatasetUsageGraphType>>("usage").Description("How the dataset is queried through TownLake.")
            .Resolve(c => c.Loader<DatasetUsageLoader>().Load(c.Source.Urn));
    }
}
