using GraphQL.Types;

namespace TownLake.Catalog.QueryFront.GraphQL;

/// <summary>GraphQL type of why a query failed.</summary>
public sealed class QueryErrorGraphType : ObjectGraphType<QueryRecordError>
{
    public QueryErrorGraphType()
    {
        Name = "QueryError";
        Description = "Why a query failed, and where in its SQL when known.";
        Field(e => e.Message).Description("What went wrong, in words.");
        Field(e => e.Line, nullable: true).Description("1-based line of the SQL where the problem is.");
        Field(e => e.Column, nullable: true).Description("1-based column of the SQL where the problem is.");
        Field<NonNullGraphType<StringGraphType>>("kind").Description("INVALID_SQL, UNKNOWN_DATASET, NOT_READ_ONLY, TIMEOUT, CANCELLED, SOURCE_UNAVAILABLE, EXECUTION, INVALID_REQUEST, QUOTA_EXCEEDED or FUNCTION_NOT_ALLOWED.")
            .Resolve(c => KindName(c.Source.Kind));
    }

    private static string KindName(QueryFailureKind kind) =>
        string.Concat(kind.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + ch : ch.ToString())).ToUpperInvariant();
}
