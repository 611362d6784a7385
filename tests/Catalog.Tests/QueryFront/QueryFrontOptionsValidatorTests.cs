using TownLake.Catalog.QueryFront;

namespace TownLake.Catalog.Tests.QueryFront;

public sealed class QueryFrontOptionsValidatorTests
{
    public static TheoryData<string, QueryFrontOptions> WrongSettings => new()
    {
        { "TownLake:Query:MaxResultBytes", new QueryFrontOptions { MaxResultBytes = 0 } },
        { "TownLake:Query:MaxResultBytes", new QueryFrontOptions { MaxResultBytes = long.MaxValue } },
        { "TownLake:Query:MaxRetainedBytes", new QueryFrontOptions { MaxRetainedBytes = 1024 } },
        { "TownLake:Query:MaxConcurrentQueriesPerUser", new QueryFrontOptions { MaxConcurrentQueriesPerUser = 0 } },
        { "TownLake:Query:MaxConcurrentQueriesPerUser", new QueryFrontOptions { MaxConcurrentQueries = 2, MaxConcurrentQueriesPerUser = 3 } },
        { "TownLake:Query:MaxQueuedQueriesPerUser", new QueryFrontOptions { MaxQueuedQueriesPerUser = 0 } },
        { "TownLake:Query:QueueTimeout", new QueryFrontOptions { QueueTimeout = TimeSpan.Zero } },
        { "TownLake:Query:MaxRetainedRunsPerUser", new QueryFrontOptions { MaxRetainedRunsPerUser = 0 } },
        { "TownLake:Query:MaxSpillSize", new QueryFrontOptions { MaxSpillSize = "lots" } },
        { "TownLake:Query:MaxSpillSize", new QueryFrontOptions { MaxSpillSize = "1GB'; SET enable_external_access=true; --" } },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public void Resource_limits_out_of_range_name_their_setting(string setting, QueryFrontOptions options)
    {
        var result = new QueryFrontOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new QueryFrontOptionsValidator().Validate(null, new QueryFrontOptions()).Succeeded);
    }
}
