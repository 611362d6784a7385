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
        { "TownLake:Query:MaxSpillSize", new QueryFrontOptions { MaxSpillSize = "0GB" } },
        { "TownLake:Query:DuckDbMemoryLimit", new QueryFrontOptions { DuckDbMemoryLimit = "" } },
        { "TownLake:Query:DuckDbMemoryLimit", new QueryFrontOptions { DuckDbMemoryLimit = "-1GB" } },
        { "TownLake:Query:DuckDbMemoryLimit", new QueryFrontOptions { DuckDbMemoryLimit = "0MB" } },
        { "TownLake:Query:DuckDbMemoryLimit", new QueryFrontOptions { DuckDbMemoryLimit = "1KB" } },
        { "TownLake:Query:DuckDbMemoryLimit", new QueryFrontOptions { DuckDbMemoryLimit = "unlimited" } },
        { "TownLake:Query:DuckDbMemoryLimit", new QueryFrontOptions { DuckDbMemoryLimit = "80%" } },
        { "TownLake:Query:DuckDbMemoryLimit", new QueryFrontOptions { DuckDbMemoryLimit = "999999999999999TB" } },
        { "TownLake:Query:DuckDbMemoryLimit", new QueryFrontOptions { DuckDbMemoryLimit = "1e9GB" } },
        { "TownLake:Query:DuckDbMemoryLimit", new QueryFrontOptions { DuckDbMemoryLimit = "256MB'; SET memory_limit='1TB" } },
        { "TownLake:Query:DuckDbMemoryLimit", new QueryFrontOptions { DuckDbMemoryLimit = new string('9', 100_000) + "GB" } },
        { "TownLake:Query:DuckDbThreads", new QueryFrontOptions { DuckDbThreads = 0 } },
        { "TownLake:Query:DuckDbThreads", new QueryFrontOptions { DuckDbThreads = -4 } },
        { "TownLake:Query:DuckDbThreads", new QueryFrontOptions { DuckDbThreads = 100_000 } },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public void Resource_limits_out_of_range_name_their_setting(string setting, QueryFrontOptions options)
    {
        var result = new QueryFrontOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
        Assert.True(result.FailureMessage.Length < 400, $"The message is {result.FailureMessage.Length:N0} characters long.");
    }

    [Theory]
    [InlineData("16MB", null)]
    [InlineData("256MB", 1)]
    [InlineData("1GiB", 4)]
    [InlineData("1.5 GB", 256)]
    public void Sensible_duckdb_limits_are_accepted(string memoryLimit, int? threads)
    {
        var options = new QueryFrontOptions { DuckDbMemoryLimit = memoryLimit, DuckDbThreads = threads };

        Assert.True(new QueryFrontOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new QueryFrontOptionsValidator().Validate(null, new QueryFrontOptions()).Succeeded);
    }
}
