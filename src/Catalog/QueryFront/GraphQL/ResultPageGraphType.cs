using GraphQL.Types;
using TownLake.Catalog.GraphQL;
using TownLake.Engine.Execution;

namespace TownLake.Catalog.QueryFront.GraphQL;

/// <summary>GraphQL type of a page of query results.</summary>
public sealed class ResultPageGraphType : ObjectGraphType<ResultPageView>
{
    public ResultPageGraphType()
    {
        Name = "ResultPage";
        Description = "A slice of a query's result rows.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ResultColumnGraphType>>>>("columns").Description("Result columns in order.").Resolve(c => c.Source.Columns);
        Field<NonNullGraphType<JsonGraphType>>("rows").Description("The rows: a JSON list of lists, one value per column.").Resolve(c => c.Source.Rows);
        Field(p => p.Offset).Description("0-based index of the first row.");
        Field(p => p.Limit).Description("Rows asked for.");
        Field<LongGraphType>("total").Description("Rows in the whole result, once the run has finished.").Resolve(c => c.Source.Total);
        Field(p => p.HasMore).Description("True when rows exist (or may still arrive) after this page.");
        Field<NonNullGraphType<QueryRunGraphType>>("run").Description("The run when the page was taken.").Resolve(c => c.Source.Run);
    }
}

/// <summary>GraphQL type of a result column.</summary>
public sealed class ResultColumnGraphType : ObjectGraphType<ResultColumn>
{
    public ResultColumnGraphType()
    {
        Name = "ResultColumn";
        Description = "One column of a query result.";
        Field(c => c.Name).Description("The column's name.");
        Field(c => c.Type).Description("The engine's type name, e.g. BIGINT, VARCHAR, DECIMAL(18,2).");
    }
}
