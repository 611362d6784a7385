using TownLake.Engine.Sql;

namespace TownLake.Engine.Tests.Sql;

public sealed class ColumnLineageTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    [Fact]
    public async Task Plain_column_is_a_direct_identity_edge()
    {
        var result = await fixture.AnalyzeAsync("SELECT a FROM t1");

        Assert.True(result.Parsed);
        Assert.Equal(SqlStatementKind.Select, result.Kind);
        LineageAssert.Same(["t1.a DIRECT IDENTITY"], LineageText.Of(result, "a"));
    }

    [Fact]
    public async Task Arithmetic_is_a_transformation_that_carries_its_expression_text()
    {
        var result = await fixture.AnalyzeAsync("SELECT billed_amount / 12 AS monthly FROM invoices");

        LineageAssert.Same(["invoices.billed_amount DIRECT TRANSFORMATION"], LineageText.Of(result, "monthly"));
        var transformation = result.Columns.Single().InputFields.Single().Transformations.Single();
        Assert.Equal("billed_amount / 12", transformation.Expression);
    }

    [Fact]
    public async Task Aggregate_outranks_the_transformation_around_it()
    {
        var result = await fixture.AnalyzeAsync("SELECT a, 2 * sum(b + 3) AS s FROM t1 GROUP BY a");

        LineageAssert.Same(["t1.b DIRECT AGGREGATION"], LineageText.Of(result, "s"));
        LineageAssert.Same(["t1.a INDIRECT GROUP_BY"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Hashes_and_counts_are_marked_as_masking()
    {
        var result = await fixture.AnalyzeAsync("SELECT sha1(CAST(a AS VARCHAR)) AS h, count(b) AS n, md5(sum(c)::VARCHAR) AS m FROM t1");

        LineageAssert.Same(["t1.a DIRECT TRANSFORMATION MASKED"], LineageText.Of(result, "h"));
        LineageAssert.Same(["t1.b DIRECT AGGREGATION MASKED"], LineageText.Of(result, "n"));
        LineageAssert.Same(["t1.c DIRECT AGGREGATION MASKED"], LineageText.Of(result, "m"));
    }

    [Fact]
    public async Task Case_conditions_are_conditional_and_branches_keep_their_own_subtype()
    {
        var result = await fixture.AnalyzeAsync("SELECT CASE WHEN b > 1 THEN a ELSE a + b END AS cond FROM t1");

        Assert.Equal(
            ["t1.b INDIRECT CONDITIONAL", "t1.b DIRECT TRANSFORMATION", "t1.a DIRECT IDENTITY", "t1.a DIRECT TRANSFORMATION"],
            LineageText.Of(result, "cond"));
    }

    [Fact]
    public async Task Coalesce_takes_values_from_every_argument_and_depends_on_the_nullness_of_all_but_the_last()
    {
        var result = await fixture.AnalyzeAsync("SELECT coalesce(nick, name) AS display FROM users");

        Assert.Equal(
            ["users.nick DIRECT TRANSFORMATION", "users.nick INDIRECT CONDITIONAL", "users.name DIRECT TRANSFORMATION"],
            LineageText.Of(result, "display"));
    }

    [Fact]
    public async Task Window_partition_and_order_are_window_edges_and_the_windowed_value_is_direct()
    {
        var result = await fixture.AnalyzeAsync(
            "SELECT sum(a) OVER (PARTITION BY b ORDER BY c) AS s, lag(a, 3, 0) OVER (PARTITION BY b ORDER BY c) AS l, rank() OVER (ORDER BY c) AS r FROM t1");

        LineageAssert.Same(["t1.a DIRECT AGGREGATION", "t1.b INDIRECT WINDOW", "t1.c INDIRECT WINDOW"], LineageText.Of(result, "s"));
        LineageAssert.Same(["t1.a DIRECT TRANSFORMATION", "t1.b INDIRECT WINDOW", "t1.c INDIRECT WINDOW"], LineageText.Of(result, "l"));
        LineageAssert.Same(["t1.c INDIRECT WINDOW"], LineageText.Of(result, "r"));
    }

    [Fact]
    public async Task Where_order_by_and_group_by_shape_the_whole_dataset()
    {
        var result = await fixture.AnalyzeAsync("SELECT a, c FROM t1 WHERE b > 1 GROUP BY a, c ORDER BY c");

        LineageAssert.Same(["t1.b INDIRECT FILTER", "t1.a INDIRECT GROUP_BY", "t1.c INDIRECT GROUP_BY", "t1.c INDIRECT SORT"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Order_by_position_and_by_alias_sort_on_the_selected_expression()
    {
        var result = await fixture.AnalyzeAsync("SELECT a + b AS total, c FROM t1 ORDER BY total, 2");

        LineageAssert.Same(["t1.a INDIRECT SORT", "t1.b INDIRECT SORT", "t1.c INDIRECT SORT"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Inner_join_condition_is_both_join_and_filter_while_outer_join_is_join_only()
    {
        var inner = await fixture.AnalyzeAsync("SELECT a.x FROM t1 a JOIN t2 b ON a.id = b.id");
        var outer = await fixture.AnalyzeAsync("SELECT a.x FROM t1 a LEFT JOIN t2 b ON a.id = b.id");

        LineageAssert.Same(["t1.id INDIRECT JOIN", "t1.id INDIRECT FILTER", "t2.id INDIRECT JOIN", "t2.id INDIRECT FILTER"], LineageText.Dataset(inner));
        LineageAssert.Same(["t1.id INDIRECT JOIN", "t2.id INDIRECT JOIN"], LineageText.Dataset(outer));
    }

    [Fact]
    public async Task Join_using_columns_count_on_both_sides()
    {
        var result = await fixture.AnalyzeAsync("SELECT v FROM t1 JOIN t2 USING (k)", schemas: [("t1", "k,v"), ("t2", "k,w")]);

        Assert.Contains("t1.k INDIRECT JOIN", LineageText.Dataset(result));
        Assert.Contains("t2.k INDIRECT JOIN", LineageText.Dataset(result));
        LineageAssert.Same(["t1.v DIRECT IDENTITY"], LineageText.Of(result, "v"));
    }

    [Fact]
    public async Task Unqualified_columns_are_attributed_through_the_schema_resolver()
    {
        var result = await fixture.AnalyzeAsync("SELECT name, total FROM orders JOIN customers ON cust_id = customers.id",
            schemas: [("orders", "id,cust_id,total"), ("customers", "id,name")]);

        LineageAssert.Same(["customers.name DIRECT IDENTITY"], LineageText.Of(result, "name"));
        LineageAssert.Same(["orders.total DIRECT IDENTITY"], LineageText.Of(result, "total"));
    }

    [Fact]
    public async Task Star_and_qualified_star_expand_from_the_schema_resolver()
    {
        var result = await fixture.AnalyzeAsync("SELECT *, b.* FROM t1 a JOIN t2 b ON a.k = b.k",
            schemas: [("t1", "k,x"), ("t2", "k,y")]);

        Assert.Equal(["k", "x", "k", "y", "k", "y"], LineageText.Names(result));
        LineageAssert.Same(["t1.x DIRECT IDENTITY"], LineageText.Of(result, "x"));
    }

    [Fact]
    public async Task Star_over_an_unknown_table_warns_and_marks_every_column_as_read()
    {
        var result = await fixture.AnalyzeAsync("SELECT * FROM mystery");

        Assert.True(result.Parsed);
        Assert.Empty(result.Columns);
        Assert.Contains(result.Diagnostics, d => d.Severity == SqlDiagnosticSeverity.Warning && d.Message.Contains("mystery", StringComparison.Ordinal));
        Assert.True(result.ColumnsRead.Single().AllColumns);
    }

    [Fact]
    public async Task Star_exclude_leaves_the_excluded_column_out()
    {
        var result = await fixture.AnalyzeAsync("SELECT * EXCLUDE (secret) FROM users", schemas: [("users", "id,secret,name")]);

        Assert.Equal(["id", "name"], LineageText.Names(result));
    }

    [Fact]
    public async Task Lineage_flows_through_multiple_and_nested_ctes_to_the_real_tables()
    {
        var result = await fixture.AnalyzeAsync("""
            WITH base AS (SELECT id, amount FROM sales.orders WHERE status = 'paid'),
                 agg AS (WITH inner_cte AS (SELECT id, amount * 1.2 AS gross FROM base) SELECT id, sum(gross) AS total FROM inner_cte GROUP BY id)
            SELECT id, total FROM agg
            """);

        Assert.Equal(["sales.orders"], LineageText.Inputs(result));
        LineageAssert.Same(["sales.orders.amount DIRECT AGGREGATION"], LineageText.Of(result, "total"));
        LineageAssert.Same(["sales.orders.status INDIRECT FILTER", "sales.orders.id INDIRECT GROUP_BY"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Cte_names_are_not_reported_as_input_tables()
    {
        var result = await fixture.AnalyzeAsync("WITH c AS (SELECT a FROM t1) SELECT c.a FROM c JOIN t2 ON c.a = t2.a");

        Assert.Equal(["t1", "t2"], LineageText.Inputs(result));
    }

    [Fact]
    public async Task Subquery_in_from_composes_transformations_with_the_outer_query()
    {
        var result = await fixture.AnalyzeAsync("SELECT x * 10 AS y FROM (SELECT a AS x FROM t1 WHERE b = 1) s");

        LineageAssert.Same(["t1.a DIRECT TRANSFORMATION"], LineageText.Of(result, "y"));
        LineageAssert.Same(["t1.b INDIRECT FILTER"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Subqueries_in_where_are_filters_and_their_tables_are_inputs()
    {
        var result = await fixture.AnalyzeAsync(
            "SELECT a FROM t1 WHERE a IN (SELECT x FROM t2) AND NOT EXISTS (SELECT 1 FROM t3 WHERE t3.k = t1.k)");

        Assert.Equal(["t1", "t2", "t3"], LineageText.Inputs(result));
        LineageAssert.Same(["t1.a INDIRECT FILTER", "t2.x INDIRECT FILTER", "t3.k INDIRECT FILTER", "t1.k INDIRECT FILTER"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Correlated_scalar_subquery_feeds_the_column_it_computes()
    {
        var result = await fixture.AnalyzeAsync("SELECT o.id, (SELECT max(p.price) FROM prices p WHERE p.sku = o.sku) AS top FROM orders o");

        Assert.Contains("prices.price DIRECT AGGREGATION", LineageText.Of(result, "top"));
        Assert.Contains("orders.sku INDIRECT FILTER", LineageText.Of(result, "top"));
    }

    [Fact]
    public async Task Union_all_merges_the_branches_by_position()
    {
        var result = await fixture.AnalyzeAsync("SELECT a AS v FROM t1 UNION ALL SELECT upper(b) FROM t2");

        Assert.Equal(["v"], LineageText.Names(result));
        LineageAssert.Same(["t1.a DIRECT IDENTITY", "t2.b DIRECT TRANSFORMATION"], LineageText.Of(result, "v"));
    }

    [Fact]
    public async Task Except_takes_values_from_the_first_branch_and_filters_with_the_second()
    {
        var result = await fixture.AnalyzeAsync("SELECT a FROM t1 EXCEPT SELECT b FROM t2");

        LineageAssert.Same(["t1.a DIRECT IDENTITY"], LineageText.Of(result, "a"));
        LineageAssert.Same(["t2.b INDIRECT FILTER"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Casts_and_functions_are_transformations()
    {
        var result = await fixture.AnalyzeAsync("SELECT CAST(a AS INTEGER) AS i, b::DATE AS d, concat(c, '-', e) AS ce FROM t1");

        LineageAssert.Same(["t1.a DIRECT TRANSFORMATION"], LineageText.Of(result, "i"));
        LineageAssert.Same(["t1.b DIRECT TRANSFORMATION"], LineageText.Of(result, "d"));
        LineageAssert.Same(["t1.c DIRECT TRANSFORMATION", "t1.e DIRECT TRANSFORMATION"], LineageText.Of(result, "ce"));
    }

    [Fact]
    public async Task File_reading_table_functions_are_path_inputs()
    {
        var result = await fixture.AnalyzeAsync("SELECT id FROM read_parquet('data/orders.parquet')", schemas: [("data/orders.parquet", "id,total")]);

        var input = Assert.Single(result.Inputs);
        Assert.True(input.IsPath);
        LineageAssert.Same(["data/orders.parquet.id DIRECT IDENTITY"], LineageText.Of(result, "id"));
    }

    [Fact]
    public async Task Unqualified_tables_get_the_default_schema()
    {
        var result = await fixture.AnalyzeAsync("SELECT a FROM t1 JOIN other.t2 ON t1.k = t2.k", defaultSchema: "test");

        Assert.Equal(["test.t1", "other.t2"], LineageText.Inputs(result));
    }

    [Fact]
    public async Task Natural_join_compares_the_shared_column_names()
    {
        var result = await fixture.AnalyzeAsync("SELECT a FROM src NATURAL JOIN dim", schemas: [("src", "a,k"), ("dim", "k,label")]);

        LineageAssert.Same(["src.k INDIRECT JOIN", "src.k INDIRECT FILTER", "dim.k INDIRECT JOIN", "dim.k INDIRECT FILTER"], LineageText.Dataset(result));
    }

    [Fact]
    public async Task Trino_cross_join_unnest_derives_the_element_from_the_array()
    {
        var result = await fixture.AnalyzeAsync("SELECT o.id, item FROM orders o CROSS JOIN UNNEST(o.items) AS u(item)", SqlDialect.Trino,
            schemas: ("orders", "id,items"));

        LineageAssert.Same(["orders.items DIRECT TRANSFORMATION"], LineageText.Of(result, "item"));
    }

    [Fact]
    public async Task Recursive_cte_combines_the_anchor_and_the_recursive_step()
    {
        var result = await fixture.AnalyzeAsync("WITH RECURSIVE r(n) AS (SELECT a FROM t UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT n FROM r");

        Assert.Equal(["t"], LineageText.Inputs(result));
        LineageAssert.Same(["t.a DIRECT IDENTITY", "t.a DIRECT TRANSFORMATION"], LineageText.Of(result, "n"));
    }
}
