using TownLake.Engine.Sql;

namespace TownLake.Engine.Tests.Sql;

public sealed class MalformedSqlTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    [Fact]
    public async Task Syntax_error_gives_an_error_with_its_position_and_keeps_table_level_lineage()
    {
        var sql = "INSERT INTO tgt SELECT a, FROM src JOIN other ON src.k = other.k WHERE";

        var result = await fixture.AnalyzeAsync(sql);

        Assert.False(result.Parsed);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == SqlDiagnosticSeverity.Error);
        Assert.NotNull(error.Position);
        Assert.InRange(error.Position!.Value, 0, sql.Length);
        Assert.Equal("tgt", result.Target?.ToString());
        Assert.Equal(["src", "other"], LineageText.Inputs(result));
        Assert.Empty(result.Columns);
    }

    [Fact]
    public async Task Error_position_points_into_the_original_text_after_dialect_rewrites()
    {
        var sql = "SELECT `a` FROM `t1` WHERE )";

        var result = await fixture.AnalyzeAsync(sql, SqlDialect.Hive);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == SqlDiagnosticSeverity.Error);
        Assert.Equal(sql.IndexOf(')', StringComparison.Ordinal), error.Position);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("SELEC a FROM t")]
    [InlineData("SELECT 'unterminated FROM t")]
    [InlineData("SELECT (((a FROM t")]
    [InlineData("MERGE INTO")]
    [InlineData("INSERT INTO")]
    [InlineData("CREATE TABLE x AS")]
    [InlineData(";;;")]
    [InlineData("WITH c AS (SELECT 1) ")]
    [InlineData("SELECT a FROM t1 LATERAL VIEW")]
    [InlineData("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = ")]
    [InlineData("UPDATE t SET")]
    public async Task Malformed_sql_gives_a_diagnostic_not_an_exception(string sql)
    {
        var result = await fixture.AnalyzeAsync(sql);

        Assert.False(result.Parsed);
        Assert.Contains(result.Diagnostics, d => d.Severity == SqlDiagnosticSeverity.Error && d.Message.Length > 0);
    }

    [Fact]
    public async Task Cte_names_are_left_out_of_token_scan_inputs()
    {
        var result = await fixture.AnalyzeAsync("WITH c AS (SELECT a FROM real_table) SELECT a FROM c WHERE ((");

        Assert.False(result.Parsed);
        Assert.Equal(["real_table"], LineageText.Inputs(result));
    }

    [Fact]
    public async Task Only_the_first_of_several_statements_is_analyzed_with_a_warning()
    {
        var result = await fixture.AnalyzeAsync("SELECT a FROM t1; SELECT b FROM t2;");

        Assert.Equal(["t1"], LineageText.Inputs(result));
        Assert.Contains(result.Diagnostics, d => d.Severity == SqlDiagnosticSeverity.Warning && d.Message.Contains("2 statements", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_column_is_a_warning_not_an_edge()
    {
        var result = await fixture.AnalyzeAsync("SELECT nope FROM t1", schemas: ("t1", "a,b"));

        Assert.True(result.Parsed);
        Assert.Empty(LineageText.Of(result, "nope"));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("nope", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Random_token_soup_never_throws()
    {
        string[] vocabulary =
        [
            "SELECT", "FROM", "WHERE", "JOIN", "ON", "INSERT", "INTO", "OVERWRITE", "TABLE", "MERGE", "USING", "WHEN", "MATCHED",
            "THEN", "UPDATE", "SET", "CREATE", "VIEW", "AS", "WITH", "LATERAL", "VIEW", "explode", "(", ")", ",", ";", "*", ".",
            "t1", "t2", "a", "b", "'x'", "\"y\"", "`z`", "1", "=", ">", "GROUP", "BY", "ORDER", "UNION", "ALL", "CASE", "END",
            "OVER", "PARTITION", "COPY", "TO", "LOAD", "DATA", "INPATH", "IMPORT", "EXPORT", "VALUES", "--", "/*", "<=>", "array", "<",
        ];
        var random = new Random(20261125);
        for (var i = 0; i < 600; i++)
        {
            var sql = string.Join(' ', Enumerable.Range(0, random.Next(1, 25)).Select(_ => vocabulary[random.Next(vocabulary.Length)]));

            var result = await fixture.AnalyzeAsync(sql, i % 2 == 0 ? SqlDialect.Hive : SqlDialect.Generic);

            // The binder's safety net must stay unused: a parse tree it cannot walk is a bug to fix.
            Assert.DoesNotContain(result.Diagnostics, d => d.Message.StartsWith("Could not derive column lineage", StringComparison.Ordinal));
        }
    }
}
