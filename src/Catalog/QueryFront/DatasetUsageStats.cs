namespace TownLake.Catalog.QueryFront;

/// <summary>How a dataset is used, from the successful queries that read it.</summary>
/// <param name="QueryCount">Queries that read it.</param>
/// <param name="DistinctUsers">Different users among them.</param>
/// <param name="LastQueriedAt">When it was last read; null when never.</param>
/// <param name="TopUsers">Users who read it most, most first.</param>
/// <param name="CommonlyJoinedWith">Datasets read in the same queries, most often first.</param>
public sealed record DatasetUsageStats(
    int QueryCount,
    int DistinctUsers,
    DateTimeOffset? LastQueriedAt,
    IReadOnlyList<UserQueryCount> TopUsers,
    IReadOnlyList<JoinedDatasetCount> CommonlyJoinedWith)
{
    public static DatasetUsageStats None { get; } = new(0, 0, null, [], []);
}

/// <summary>A user and how many queries they ran.</summary>
public sealed record UserQueryCount(string User, int Count);

/// <summary>A dataset (catalog name) and in how many queries it was read together with another.</summary>
public sealed record JoinedDatasetCount(string Dataset, int Count);
