using TownLake.Engine.Sql;

namespace TownLake.Engine.Tests.Sql;

public sealed class HiveDialectTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    [Fact]
    public async Task Backtick_names_and_double_quoted_strings_are_read_as_hive_means_them()
    {
        var result = await fixture.AnalyzeAsync("SELECT `count`, `a b` FROM `raw`.`events` WHERE kind = \"click\"", SqlDialect.Hive);

        Assert.True(result.Parsed);
        Assert.Equal(["raw.events"], LineageText.Inputs(result));
        LineageAssert.Same(["raw.events.a b DIRECT IDENTITY"], LineageText.Of(result, "a b"));
        LineageAssert.Same(["raw.events.kind INDIRECT FILTER"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Insert_overwrite_with_a_static_partition_targets_the_table()
    {
        var result = await fixture.AnalyzeAsync("INSERT OVERWRITE TABLE db.tgt PARTITION (ds='2024-01-01') SELECT id, v FROM src", SqlDialect.Hive, "db");

        Assert.Equal(SqlStatementKind.Insert, result.Kind);
        Assert.Equal("db.tgt", result.Target?.ToString());
        LineageAssert.Same(["db.src.v DIRECT IDENTITY"], LineageText.Of(result, "v"));
    }

    [Fact]
    public async Task Create_table_with_storage_clauses_before_as_select_is_a_ctas()
    {
        var result = await fixture.AnalyzeAsync(
            "CREATE TABLE IF NOT EXISTS xxx STORED AS ORC TBLPROPERTIES ('orc.compress'='SNAPPY') AS SELECT a FROM t1", SqlDialect.Hive);

        Assert.Equal(SqlStatementKind.CreateTableAs, result.Kind);
        LineageAssert.Same(["t1.a DIRECT IDENTITY"], LineageText.Of(result, "a"));
    }

    [Fact]
    public async Task Lateral_view_explode_makes_a_transformed_column()
    {
        var result = await fixture.AnalyzeAsync("SELECT o.id, tag FROM orders o LATERAL VIEW explode(o.tags) t AS tag", SqlDialect.Hive,
            schemas: ("orders", "id,tags"));

        LineageAssert.Same(["orders.tags DIRECT TRANSFORMATION"], LineageText.Of(result, "tag"));
    }

    [Fact]
    public async Task Lateral_view_with_several_aliases_gives_each_the_generator_lineage()
    {
        var result = await fixture.AnalyzeAsync("SELECT pos, val FROM t1 LATERAL VIEW OUTER posexplode(arr) p AS pos, val", SqlDialect.Hive,
            schemas: ("t1", "arr"));

        LineageAssert.Same(["t1.arr DIRECT TRANSFORMATION"], LineageText.Of(result, "pos"));
        LineageAssert.Same(["t1.arr DIRECT TRANSFORMATION"], LineageText.Of(result, "val"));
    }

    [Fact]
    public async Task If_function_is_conditional_on_its_test()
    {
        var result = await fixture.AnalyzeAsync("SELECT IF(b > 1, a, a + b) AS cond FROM t1", SqlDialect.Hive);

        Assert.Contains("t1.b INDIRECT CONDITIONAL", LineageText.Of(result, "cond"));
        Assert.Contains("t1.a DIRECT IDENTITY", LineageText.Of(result, "cond"));
    }

    [Fact]
    public async Task Left_semi_join_filters_without_exposing_the_right_side()
    {
        var result = await fixture.AnalyzeAsync("SELECT * FROM t1 LEFT SEMI JOIN t2 ON t1.k = t2.k", SqlDialect.Hive,
            schemas: [("t1", "k,v"), ("t2", "k,w")]);

        Assert.Equal(["k", "v"], LineageText.Names(result));
        Assert.Contains("t2.k INDIRECT FILTER", LineageText.Dataset(result));
    }

    [Fact]
    public async Task Distribute_by_is_dropped_and_sort_by_sorts()
    {
        var result = await fixture.AnalyzeAsync("SELECT a, b FROM t1 DISTRIBUTE BY a SORT BY b", SqlDialect.Hive);

        Assert.True(result.Parsed);
        LineageAssert.Same(["t1.b INDIRECT SORT"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Rlike_and_div_operators_parse()
    {
        var result = await fixture.AnalyzeAsync("SELECT a DIV 2 AS half FROM t1 WHERE b RLIKE '^x'", SqlDialect.Hive);

        Assert.True(result.Parsed);
        LineageAssert.Same(["t1.a DIRECT TRANSFORMATION"], LineageText.Of(result, "half"));
        LineageAssert.Same(["t1.b INDIRECT FILTER"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Backslash_escapes_in_hive_strings_do_not_end_the_string()
    {
        var result = await fixture.AnalyzeAsync(@"SELECT a FROM t1 WHERE b = 'it\'s' AND c = ""say \""hi\""""", SqlDialect.Hive);

        Assert.True(result.Parsed);
        LineageAssert.Same(["t1.b INDIRECT FILTER", "t1.c INDIRECT FILTER"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task From_first_insert_reads_the_from_clause_before_the_insert_head()
    {
        var result = await fixture.AnalyzeAsync("FROM src s INSERT OVERWRITE TABLE t1 SELECT s.a, s.b + 1 WHERE s.c > 0", SqlDialect.Hive);

        Assert.Equal(SqlStatementKind.Insert, result.Kind);
        Assert.Equal("t1", result.Target?.ToString());
        LineageAssert.Same(["src.b DIRECT TRANSFORMATION"], LineageText.Of(result, "_c1"));
        LineageAssert.Same(["src.c INDIRECT FILTER"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Group_by_with_rollup_groups_by_the_listed_columns()
    {
        var result = await fixture.AnalyzeAsync("SELECT a, sum(b) AS s FROM t1 GROUP BY a WITH ROLLUP", SqlDialect.Hive);

        Assert.True(result.Parsed);
        LineageAssert.Same(["t1.a INDIRECT GROUP_BY"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Unnamed_expressions_get_hive_positional_names()
    {
        var result = await fixture.AnalyzeAsync("CREATE TABLE x AS SELECT a, upper(b) FROM t1", SqlDialect.Hive);

        Assert.Equal(["a", "_c1"], LineageText.Names(result));
    }

    [Fact]
    public async Task Multi_insert_gives_one_result_per_insert_branch()
    {
        var results = await fixture.Analyzer.AnalyzeScriptAsync(new SqlAnalysisRequest(
            "FROM src INSERT OVERWRITE TABLE t1 SELECT a WHERE b > 0 INSERT OVERWRITE TABLE t2 SELECT upper(c) AS c")
        { Dialect = SqlDialect.Hive });

        Assert.Equal(["t1", "t2"], results.Select(r => r.Target!.ToString()));
        LineageAssert.Same(["src.a DIRECT IDENTITY"], LineageText.Of(results[0], "a"));
        LineageAssert.Same(["src.b INDIRECT FILTER"], LineageText.Dataset(results[0]));
        LineageAssert.Same(["src.c DIRECT TRANSFORMATION"], LineageText.Of(results[1], "c"));
        Assert.Empty(results[1].DatasetLineage);
    }

    [Fact]
    public async Task Hive_collection_constructors_complex_types_null_safe_equality_and_sampling_parse()
    {
        var result = await fixture.AnalyzeAsync(
            "SELECT array(a, b) AS arr, CAST(c AS map<string,array<int>>) AS m FROM t1 TABLESAMPLE (BUCKET 1 OUT OF 4 ON a) s WHERE a <=> b",
            SqlDialect.Hive);

        Assert.True(result.Parsed);
        LineageAssert.Same(["t1.a DIRECT TRANSFORMATION", "t1.b DIRECT TRANSFORMATION"], LineageText.Of(result, "arr"));
        LineageAssert.Same(["t1.c DIRECT TRANSFORMATION"], LineageText.Of(result, "m"));
        LineageAssert.Same(["t1.a INDIRECT FILTER", "t1.b INDIRECT FILTER"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Comparison_with_a_column_named_like_a_type_is_left_alone_outside_hive()
    {
        var result = await fixture.AnalyzeAsync("SELECT a FROM t1 WHERE map < 3", SqlDialect.Postgres);

        Assert.True(result.Parsed);
        LineageAssert.Same(["t1.map INDIRECT FILTER"], LineageText.Dataset(result));
    }
}
