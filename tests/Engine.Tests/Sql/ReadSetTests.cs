using TownLake.Engine.Sql;

namespace TownLake.Engine.Tests.Sql;

public sealed class ReadSetTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    [Fact]
    public async Task Read_set_lists_every_column_touched_including_filters_and_unused_cte_columns()
    {
        var readSet = await fixture.Analyzer.GetReadSetAsync(new SqlAnalysisRequest(
            "WITH c AS (SELECT id, ssn FROM hr.people) SELECT p.id FROM c p JOIN hr.salaries s ON s.pid = p.id WHERE s.year = 2024"));

        Assert.True(readSet.Complete);
        var people = readSet.Tables.Single(t => t.Table.ToString() == "hr.people");
        Assert.Equal(["id", "ssn"], people.Columns);
        var salaries = readSet.Tables.Single(t => t.Table.ToString() == "hr.salaries");
        Assert.Equal(["pid", "year"], salaries.Columns);
    }

    [Fact]
    public async Task Count_star_reads_the_table_without_naming_columns()
    {
        var readSet = await fixture.Analyzer.GetReadSetAsync(new SqlAnalysisRequest("SELECT count(*) FROM audit_log"));

        var table = Assert.Single(readSet.Tables);
        Assert.Equal("audit_log", table.Table.ToString());
        Assert.Empty(table.Columns);
        Assert.False(table.AllColumns);
    }

    [Fact]
    public async Task Unparseable_statement_is_incomplete_and_assumes_all_columns_are_read()
    {
        var readSet = await fixture.Analyzer.GetReadSetAsync(new SqlAnalysisRequest("SELECT salary FROM payroll WHERE ("));

        Assert.False(readSet.Complete);
        var table = Assert.Single(readSet.Tables);
        Assert.Equal("payroll", table.Table.ToString());
        Assert.True(table.AllColumns);
    }
}
