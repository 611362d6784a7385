using GraphQL;
using GraphQL.Types;
using TownLake.Catalog.GraphQL;

namespace TownLake.Catalog.QueryFront.GraphQL;

/// <summary>A dataset's usage statistics together with the dataset they belong to (for its recent queries).</summary>
public sealed record DatasetUsage(string DatasetUrn, DatasetUsageStats Stats);

/// <summary>GraphQL type of a dataset's usage, from the query audit trail.</summary>
public sealed class DatasetUsageGraphType : ObjectGraphType<DatasetUsage>
{
    public DatasetUsageGraphType()
    {
        Name = "DatasetUsage";
        Description = "How a dataset is queried through TownLake (successful queries).";
        Field<NonNullGraphType<IntGraphType>>("queryCount").Description("Queries that read it.").Resolve(c => c.Source.Stats.QueryCount);
        Field<NonNullGraphType<IntGraphType>>("distinctUsers").Description("Different users who read it.").Resolve(c => c.Source.Stats.DistinctUsers);
        Field<DateTimeGraphType>("lastQueriedAt").Description("When it was last read.").Resolve(c => c.Source.Stats.LastQueriedAt?.UtcDateTime);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserCountGraphType>>>>("topUsers").Description("Who reads it most, most first: everyone for administrators and stewards, yourself otherwise.")
            .Resolve(c => c.Caller().CanReadOthersQueries ? c.Source.Stats.TopUsers : c.Source.Stats.TopUsers.Where(u => c.Caller().IsAuthenticated && u.User == c.Caller().UserName).ToList());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JoinedDatasetGraphType>>>>("commonlyJoinedWith").Description("Datasets read in the same queries, most often first.")
            .Resolve(c => c.Source.Stats.CommonlyJoinedWith);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<QueryRunGraphType>>>>("recentQueries").Description("The latest queries that read it: all of them for administrators and stewards, your own otherwise.")
            .Argument<IntGraphType>("first", "How many (default 10, at most 100).", a => a.DefaultValue = 10)
            .Resolve(c =>
            {
                var caller = c.Caller();
                if (!caller.IsAuthenticated)
                {
                    return Array.Empty<QueryRecord>();
                }

                var first = Math.Clamp(c.GetArgument("first", 10), 0, 100);
                return c.Loader<RecentQueriesLoader>().Load(c.Source.DatasetUrn, caller.CanReadOthersQueries ? null : caller.UserName, first);
            });
    }
}

/// <summary>GraphQL type of a user's query count.</summary>
public sealed class UserCountGraphType : ObjectGraphType<UserQueryCount>
{
    public UserCountGraphType()
    {
        Name = "UserCount";
        Description = "A user and how many queries they ran.";
        Field(u => u.User).Description("The user's name.");
        Field(u => u.Count).Description("Queries.");
    }
}

/// <summary>GraphQL type of a dataset read together with another.</summary>
public sealed class JoinedDatasetGraphType : ObjectGraphType<JoinedDatasetCount>
{
    public JoinedDatasetGraphType()
    {
        Name = "JoinedDataset";
        Description = "A dataset read in the same queries as another, and how often.";
        Field(j => j.Dataset).Description("The dataset's name (catalog.schema.table).");
        Field(j => j.Count).Description("Queries that read both.");
    }
}
