using TownLake.Catalog.QueryFront;

namespace TownLake.Catalog.Tests.Stores;

/// <summary>The query audit records the store contracts save: one shape, with the id, user, state, time and datasets each test names.</summary>
internal static class QueryRecords
{
    public static QueryRecord Query(string id, string user, QueryRunState state, DateTimeOffset at, params string[] datasets) => new()
    {
        Id = id,
        User = user,
        Sql = "SELECT 1 -- " + id,
        Engine = "duckdb",
        State = state,
        SubmittedAt = at,
        StartedAt = at,
        FinishedAt = at.AddMilliseconds(120),
        RowCount = 3,
        Datasets = datasets,
    };
}
