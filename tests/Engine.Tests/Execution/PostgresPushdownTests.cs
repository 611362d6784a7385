using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Connectors.Postgres;
using TownLake.Engine.Tests.Sql;

namespace TownLake.Engine.Tests.Execution;

public sealed class PostgresPushdownTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    private ParsedStatement Parse(string sql) => fixture.Analyzer.AnalyzeStatement(sql).Tree!;

    [Fact]
    public void Pushdown_plan_projects_columns_and_pushes_safe_filters_only()
    {
        var sql = """
            SELECT c.name, sum(f.amount)
            FROM lake.fct.billings f JOIN shop.public.customers c ON c.id = f.customer_id
            WHERE c.region = 'EU' AND c.id >= 10 AND c.name > 'c5' AND f.amount > 3
            GROUP BY 1
            """;
        var parsed = Parse(sql);
        var columns = new[]
        {
            PostgresColumn.From("id", "int4", null, null, 'b'),
            PostgresColumn.From("name", "varchar", null, null, 'b'),
            PostgresColumn.From("region", "text", null, null, 'b'),
            PostgresColumn.From("credit", "numeric", 12, 2, 'b'),
        };

        var load = PostgresPushdown.Plan("public", "customers", columns, [parsed.Tables.Single(t => t.Name == "customers")], parsed);

        Assert.Equal(["id", "name", "region"], load.Columns.Select(c => c.Name));
        Assert.Equal(["region = EU", "id >= 10"], load.Filters.Select(f => $"{f.Column} {f.Operator} {f.Literal}"));
    }

    [Fact]
    public void Decimal_date_and_boolean_literals_are_pushed_with_their_values()
    {
        var parsed = Parse(
            "SELECT * FROM shop.public.customers WHERE credit > 3.75 AND joined_on >= DATE '2024-01-05' AND vip = true AND 10 > id");
        var columns = new[]
        {
            PostgresColumn.From("id", "int4", null, null, 'b'),
            PostgresColumn.From("credit", "numeric", 12, 2, 'b'),
            PostgresColumn.From("joined_on", "date", null, null, 'b'),
            PostgresColumn.From("vip", "bool", null, null, 'b'),
        };

        var load = PostgresPushdown.Plan("public", "customers", columns, parsed.Tables, parsed);

        Assert.Equal(
            ["credit > 3.75::numeric", "joined_on >= 2024-01-05::date", "vip = t::boolean", "id < 10::numeric"],
            load.Filters.Select(f => $"{f.Column} {f.Operator} {f.Literal}::{f.Cast}"));
    }

    [Fact]
    public void Star_or_self_join_loads_every_column_and_pushes_no_filter()
    {
        var parsed = Parse("SELECT * FROM shop.public.customers a JOIN shop.public.customers b ON a.id = b.id WHERE a.id = 1");
        var columns = new[] { PostgresColumn.From("id", "int4", null, null, 'b'), PostgresColumn.From("name", "text", null, null, 'b') };

        var load = PostgresPushdown.Plan("public", "customers", columns, parsed.Tables, parsed);

        Assert.Equal(2, load.Columns.Count);
        Assert.Empty(load.Filters);
    }

    [Theory]
    [InlineData("SELECT * FROM shop.public.big LIMIT 1", 1L)]
    [InlineData("SELECT id, name FROM shop.public.big WHERE id > 5 LIMIT 10 OFFSET 20", 30L)]
    [InlineData("SELECT b.* FROM shop.public.big b WHERE b.name = 'x' LIMIT 3", 3L)]
    public void Limit_of_a_plain_single_table_read_goes_to_postgres(string sql, long expected)
    {
        var load = Plan(sql);

        Assert.Equal(expected, load.Limit);
    }

    [Theory]
    [InlineData("SELECT * FROM shop.public.big ORDER BY id LIMIT 1")]
    [InlineData("SELECT DISTINCT name FROM shop.public.big LIMIT 1")]
    [InlineData("SELECT count(*) FROM shop.public.big LIMIT 1")]
    [InlineData("SELECT name FROM shop.public.big GROUP BY name LIMIT 1")]
    [InlineData("SELECT upper(name) FROM shop.public.big LIMIT 1")]
    [InlineData("SELECT * FROM shop.public.big WHERE id + 1 > 5 LIMIT 1")]
    [InlineData("SELECT * FROM shop.public.big WHERE name > 'x' LIMIT 1")]
    [InlineData("SELECT * FROM shop.public.big a JOIN shop.public.big b USING (id) LIMIT 1")]
    [InlineData("SELECT * FROM (SELECT * FROM shop.public.big) t LIMIT 1")]
    [InlineData("SELECT * FROM shop.public.big")]
    public void Limit_stays_in_duckdb_when_the_first_rows_of_the_table_are_not_the_first_rows_of_the_result(string sql)
    {
        var load = Plan(sql);

        Assert.Null(load.Limit);
    }

    private PostgresTableLoader.TableLoad Plan(string sql)
    {
        var parsed = Parse(sql);
        var columns = new[] { PostgresColumn.From("id", "int4", null, null, 'b'), PostgresColumn.From("name", "text", null, null, 'b') };
        return PostgresPushdown.Plan("public", "big", columns, parsed.Tables, parsed);
    }
}
