using TownLake.Catalog.Lineage.Sql;
using TownLake.Engine.Sql;

namespace TownLake.Catalog.Tests.Lineage.Sql;

/// <summary>Tying a table named in SQL to one of a job's declared datasets.</summary>
public sealed class SqlTableMatcherTests
{
    private readonly SqlTableMatcher _matcher = new SqlTableMatcher()
        .Add("urn:orders", ["warehouse", "sales", "orders"])
        .AddDotted("urn:events", "\"raw.db\".events.clicks", "lake.clicks")
        .Add("urn:other-orders", ["archive", "old", "orders"]);

    [Theory]
    [InlineData("orders", "urn:orders")]
    [InlineData("SALES.Orders", "urn:orders")]
    [InlineData("warehouse.sales.orders", "urn:orders")]
    [InlineData("old.orders", "urn:other-orders")]
    [InlineData("lake.clicks", "urn:events")]
    [InlineData("events.clicks", "urn:events")]
    public void A_written_name_matches_the_dataset_whose_name_ends_with_it(string written, string urn) =>
        Assert.Equal(urn, _matcher.Match(SqlTableName.Parse(written)));

    [Fact]
    public void A_quoted_identifier_holding_a_dotted_name_matches_by_its_parts() =>
        Assert.Equal("urn:orders", _matcher.Match(new SqlTableName(null, null, "sales.orders")));

    [Theory]
    [InlineData("customers")]
    [InlineData("other.sales.orders")]
    [InlineData("warehouse.sales.orders.extra")]
    public void A_name_no_dataset_ends_with_matches_nothing(string written) =>
        Assert.Null(_matcher.Match(SqlTableName.Parse(written)));

    [Fact]
    public void A_file_path_matches_nothing() =>
        Assert.Null(_matcher.Match(SqlTableName.Path("orders")));
}
