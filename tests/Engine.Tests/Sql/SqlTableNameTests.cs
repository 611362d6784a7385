using TownLake.Engine.Sql;

namespace TownLake.Engine.Tests.Sql;

public sealed class SqlTableNameTests
{
    [Fact]
    public void Qualify_fills_only_the_missing_parts()
    {
        Assert.Equal("cat.main.t", new SqlTableName(null, null, "t").Qualify("cat", "main").ToString());
        Assert.Equal("cat.other.t", new SqlTableName(null, "other", "t").Qualify("cat", "main").ToString());
        Assert.Equal("x.y.t", new SqlTableName("x", "y", "t").Qualify("cat", "main").ToString());
    }

    [Fact]
    public void Names_compare_case_insensitively()
    {
        Assert.Equal(SqlTableName.Parse("Sales.Orders"), SqlTableName.Parse("sales.orders"));
        Assert.NotEqual(SqlTableName.Parse("sales.orders"), SqlTableName.Path("sales.orders"));
    }

    [Fact]
    public async Task Dictionary_resolver_matches_a_longer_key_by_its_trailing_parts()
    {
        var resolver = SqlSchemaResolvers.FromTables(new Dictionary<string, IReadOnlyList<string>> { ["warehouse.sales.orders"] = ["id"] });

        Assert.Equal(["id"], await resolver(SqlTableName.Parse("sales.orders"), CancellationToken.None));
        Assert.Null(await resolver(SqlTableName.Parse("other.orders"), CancellationToken.None));
    }

    [Theory]
    [InlineData("hive", SqlDialect.Hive)]
    [InlineData("PostgreSQL", SqlDialect.Postgres)]
    [InlineData("sparksql", SqlDialect.Spark)]
    [InlineData("something", SqlDialect.Generic)]
    [InlineData(null, SqlDialect.Generic)]
    public void Dialect_hints_map_to_dialects(string? hint, SqlDialect expected) => Assert.Equal(expected, SqlDialects.FromHint(hint));
}
