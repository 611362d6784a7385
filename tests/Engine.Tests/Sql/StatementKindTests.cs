using TownLake.Engine.Sql;

namespace TownLake.Engine.Tests.Sql;

public sealed class StatementKindTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    [Fact]
    public async Task Create_table_as_select_writes_the_target_with_the_query_columns()
    {
        var result = await fixture.AnalyzeAsync("CREATE TABLE IF NOT EXISTS mart.revenue AS SELECT id * 10 AS id, name FROM src", defaultSchema: "raw");

        Assert.Equal(SqlStatementKind.CreateTableAs, result.Kind);
        Assert.Equal("mart.revenue", result.Target?.ToString());
        Assert.Equal(["raw.src"], LineageText.Inputs(result));
        LineageAssert.Same(["raw.src.id DIRECT TRANSFORMATION"], LineageText.Of(result, "id"));
    }

    [Fact]
    public async Task Create_view_with_a_column_list_names_the_outputs_by_position()
    {
        var result = await fixture.AnalyzeAsync("CREATE OR REPLACE VIEW v_totals (customer, spent) AS SELECT c.name, sum(o.total) FROM orders o JOIN customers c ON c.id = o.cid GROUP BY c.name");

        Assert.Equal(SqlStatementKind.CreateView, result.Kind);
        Assert.Equal("v_totals", result.Target?.ToString());
        Assert.Equal(["customer", "spent"], LineageText.Names(result));
        LineageAssert.Same(["orders.total DIRECT AGGREGATION"], LineageText.Of(result, "spent"));
    }

    [Fact]
    public async Task Insert_with_a_column_list_maps_query_columns_to_it()
    {
        var result = await fixture.AnalyzeAsync("INSERT INTO tgt (a, b) SELECT x, y + 1 FROM src");

        Assert.Equal(SqlStatementKind.Insert, result.Kind);
        Assert.Equal(["tgt"], [result.Target!.ToString()]);
        LineageAssert.Same(["src.x DIRECT IDENTITY"], LineageText.Of(result, "a"));
        LineageAssert.Same(["src.y DIRECT TRANSFORMATION"], LineageText.Of(result, "b"));
    }

    [Fact]
    public async Task Insert_without_a_column_list_fills_the_target_schema_by_position()
    {
        var result = await fixture.AnalyzeAsync("INSERT INTO t1 SELECT a, concat(b, 'x') FROM t2", schemas: [("t1", "first,second")]);

        Assert.Equal(["first", "second"], LineageText.Names(result));
        LineageAssert.Same(["t2.b DIRECT TRANSFORMATION"], LineageText.Of(result, "second"));
    }

    [Fact]
    public async Task With_clause_before_insert_belongs_to_the_query()
    {
        var result = await fixture.AnalyzeAsync("WITH s AS (SELECT a FROM t2) INSERT INTO t1 SELECT a FROM s");

        Assert.Equal(SqlStatementKind.Insert, result.Kind);
        Assert.Equal(["t2"], LineageText.Inputs(result));
        LineageAssert.Same(["t2.a DIRECT IDENTITY"], LineageText.Of(result, "a"));
    }

    [Fact]
    public async Task Merge_turns_update_and_insert_branches_into_column_lineage()
    {
        var result = await fixture.AnalyzeAsync("""
            MERGE INTO dim d USING staging s ON d.id = s.id
            WHEN MATCHED AND s.changed THEN UPDATE SET name = upper(s.name)
            WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)
            WHEN NOT MATCHED BY SOURCE THEN DELETE
            """);

        Assert.Equal(SqlStatementKind.Merge, result.Kind);
        Assert.Equal("dim", result.Target?.ToString());
        LineageAssert.Same(["staging.name DIRECT TRANSFORMATION", "staging.name DIRECT IDENTITY"], LineageText.Of(result, "name"));
        LineageAssert.Same(["staging.id DIRECT IDENTITY"], LineageText.Of(result, "id"));
        Assert.Contains("dim.id INDIRECT JOIN", LineageText.Dataset(result));
        Assert.Contains("staging.changed INDIRECT FILTER", LineageText.Dataset(result));
    }

    [Fact]
    public async Task Update_with_from_reads_both_tables()
    {
        var result = await fixture.AnalyzeAsync("UPDATE acct a SET balance = a.balance + t.amount FROM tx t WHERE t.acct_id = a.id");

        Assert.Equal(SqlStatementKind.Update, result.Kind);
        LineageAssert.Same(["acct.balance DIRECT TRANSFORMATION", "tx.amount DIRECT TRANSFORMATION"], LineageText.Of(result, "balance"));
    }

    [Fact]
    public async Task Copy_query_to_a_file_targets_the_path()
    {
        var result = await fixture.AnalyzeAsync("COPY (SELECT id FROM users) TO 'out/users.csv'");

        Assert.Equal(SqlStatementKind.Copy, result.Kind);
        Assert.True(result.Target!.IsPath);
        Assert.Equal("out/users.csv", result.Target.ToString());
        LineageAssert.Same(["users.id DIRECT IDENTITY"], LineageText.Of(result, "id"));
    }

    [Fact]
    public async Task Hive_load_data_moves_every_file_column_into_the_table()
    {
        var result = await fixture.AnalyzeAsync("LOAD DATA LOCAL INPATH '/tmp/in' OVERWRITE INTO TABLE target PARTITION (year=2023)",
            SqlDialect.Hive, "test", ("/tmp/in", "id,name"));

        Assert.Equal(SqlStatementKind.Copy, result.Kind);
        Assert.Equal("test.target", result.Target?.ToString());
        LineageAssert.Same(["/tmp/in.id DIRECT IDENTITY"], LineageText.Of(result, "id"));
    }

    [Fact]
    public async Task Hive_export_table_reads_the_table_into_a_path()
    {
        var result = await fixture.AnalyzeAsync("EXPORT TABLE src TO '/tmp/export'", SqlDialect.Hive, "test", ("test.src", "id,v"));

        Assert.Equal("/tmp/export", result.Target?.ToString());
        Assert.Equal(["test.src"], LineageText.Inputs(result));
        LineageAssert.Same(["test.src.v DIRECT IDENTITY"], LineageText.Of(result, "v"));
    }

    [Fact]
    public async Task Ddl_without_a_query_is_other_with_no_columns()
    {
        var result = await fixture.AnalyzeAsync("CREATE TABLE plain (id INTEGER, name VARCHAR)");

        Assert.Equal(SqlStatementKind.Other, result.Kind);
        Assert.Equal("plain", result.Target?.ToString());
        Assert.Empty(result.Columns);
        Assert.True(result.Parsed);
    }

    [Fact]
    public async Task Delete_reports_the_tables_it_touches_at_table_level()
    {
        var result = await fixture.AnalyzeAsync("DELETE FROM users WHERE id IN (SELECT uid FROM banned)");

        Assert.Equal(SqlStatementKind.Other, result.Kind);
        Assert.Equal(["users", "banned"], LineageText.Inputs(result));
    }

    [Fact]
    public async Task Script_analysis_returns_each_statement_in_order()
    {
        var results = await fixture.Analyzer.AnalyzeScriptAsync(new SqlAnalysisRequest(
            "CREATE TABLE a AS SELECT x FROM src; -- stage two\nINSERT INTO b SELECT x FROM a;"));

        Assert.Equal([SqlStatementKind.CreateTableAs, SqlStatementKind.Insert], results.Select(r => r.Kind));
        Assert.Equal(["src", "a"], results.Select(r => r.Inputs.Single().ToString()));
    }

    [Fact]
    public async Task Script_splits_only_at_top_level_semicolons_and_a_stray_parenthesis_stays_in_its_statement()
    {
        var results = await fixture.Analyzer.AnalyzeScriptAsync(new SqlAnalysisRequest(
            "INSERT INTO b SELECT x FROM (SELECT x FROM src WHERE y = ';') s;;\nCREATE TABLE c AS SELECT x FROM b) ; INSERT INTO d SELECT x FROM c"));

        Assert.Equal([SqlStatementKind.Insert, SqlStatementKind.CreateTableAs, SqlStatementKind.Insert], results.Select(r => r.Kind));
        Assert.Equal(["b", "c", "d"], results.Select(r => r.Target!.ToString()));
    }

    [Fact]
    public async Task Result_converts_to_an_openlineage_column_lineage_facet()
    {
        var result = await fixture.AnalyzeAsync("CREATE TABLE xxx AS SELECT a, sha1(b) AS hb FROM t1 WHERE c > 1", defaultSchema: "test");

        var facet = OpenLineageColumnLineageFacet.Build(result, t => ("hive://localhost:9083", t.ToString()));

        var hb = facet["fields"]!["hb"]!["inputFields"]![0]!;
        Assert.Equal("hive://localhost:9083", (string?)hb["namespace"]);
        Assert.Equal("test.t1", (string?)hb["name"]);
        Assert.Equal("b", (string?)hb["field"]);
        Assert.Equal("DIRECT", (string?)hb["transformations"]![0]!["type"]);
        Assert.Equal("TRANSFORMATION", (string?)hb["transformations"]![0]!["subtype"]);
        Assert.True((bool?)hb["transformations"]![0]!["masking"]);
        Assert.Equal("sha1(b)", (string?)hb["transformations"]![0]!["description"]);
        Assert.Equal("FILTER", (string?)facet["dataset"]![0]!["transformations"]![0]!["subtype"]);
    }
}
