using TownLake.Engine.Connectors.DuckDb;

namespace TownLake.Engine.Tests.Connectors;

public sealed class DuckDbSizeTests
{
    [Theory]
    [InlineData("512MB", 512_000_000L)]
    [InlineData("2GB", 2_000_000_000L)]
    [InlineData("1GiB", 1_073_741_824L)]
    [InlineData("64 mib", 67_108_864L)]
    [InlineData("1.5KB", 1_500L)]
    [InlineData("100B", 100L)]
    public void Sizes_read_as_duckdb_reads_them(string text, long bytes)
    {
        Assert.Equal(bytes, DuckDbSize.Bytes(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-1GB")]
    [InlineData("80%")]
    [InlineData("1e9GB")]
    [InlineData("2PB")]
    [InlineData("1GB; SET threads=1000")]
    [InlineData("9999999999999999999GB")]
    public void Anything_else_is_not_a_size(string? text)
    {
        Assert.Null(DuckDbSize.Bytes(text));
    }

    [Fact]
    public void A_huge_but_well_formed_size_saturates_instead_of_overflowing()
    {
        Assert.Equal(long.MaxValue, DuckDbSize.Bytes("999999999999999TB"));
    }

    [Theory]
    [InlineData("0MB")]
    [InlineData("-5GB")]
    [InlineData("many")]
    public void The_engine_refuses_a_memory_limit_that_is_no_size(string limit)
    {
        var error = Assert.Throws<ArgumentException>(() => new DuckDbFederatedEngine(new DuckDbEngineOptions { MemoryLimit = limit }));

        Assert.Contains(limit, error.Message, StringComparison.Ordinal);
    }
}
