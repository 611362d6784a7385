using GraphQL.Types;

namespace TownLake.Catalog.QueryFront.GraphQL;

/// <summary>GraphQL type of one query run (live, or from the audit trail).</summary>
public sealed class QueryRunGraphType : ObjectGraphType<QueryRecord>
{
    public QueryRunGraphType()
    {
        Name = "QueryRun";
        Description = "One SQL query: who ran it, its state and timings, what it read, and its error if it failed.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Handle for results and cancelQuery.").Resolve(c => c.Source.Id);
        Field(r => r.Sql).Description("The statement as written.");
        Field<NonNullGraphType<QueryStateEnum>>("state").Description("Where the run is.").Resolve(c => c.Source.State);
        Field<NonNullGraphType<QueryPurposeEnum>>("purpose").Description("Why it was run; only QUERY runs count as usage.").Resolve(c => c.Source.Purpose);
        Field(r => r.User).Description("Who ran it.");
        Field<NonNullGraphType<DateTimeGraphType>>("submittedAt").Description("When it was started.").Resolve(c => c.Source.SubmittedAt.UtcDateTime);
        Field<DateTimeGraphType>("startedAt").Description("When it began executing.").Resolve(c => c.Source.StartedAt?.UtcDateTime);
        Field<DateTimeGraphType>("finishedAt").Description("When it ended.").Resolve(c => c.Source.FinishedAt?.UtcDateTime);
        Field<IntGraphType>("elapsedMs").Description("Execution time so far, or in total once finished (queueing excluded).")
            .Resolve(c => c.Source.ElapsedMs(DateTimeOffset.UtcNow));
        Field<LongGraphType>("rowCount").Description("Rows produced so far (final once finished).").Resolve(c => c.Source.RowCount);
        Field(r => r.Truncated).Description("True when the row cap (TownLake:Query:MaxRows) or the memory budget (TownLake:Query:MaxResultBytes) stopped reading before the end of the result.");
        Field<StringGraphType>("truncationReason").Description("Which limit cut the result and what to do about it; null when the result is whole.")
            .Resolve(c => c.Source.TruncationNote);
        Field<StringGraphType>("engine").Description("The engine that ran it (duckdb, trino); null when refused before running.").Resolve(c => c.Source.Engine);
        Field<QueryErrorGraphType>("error").Description("Why it failed or was cancelled.").Resolve(c => c.Source.Error);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("datasets").Description("Catalog names of the datasets the statement reads.")
            .Resolve(c => c.Source.Datasets);
    }
}
