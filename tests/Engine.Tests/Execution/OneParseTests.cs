using TownLake.Engine.Connectors;
using TownLake.Engine.Execution;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Sql;
using TownLake.Engine.Tests.Connectors;

namespace TownLake.Engine.Tests.Execution;

/// <summary>A statement is parsed once on its way through analysis, engine selection, the read-only check and execution.</summary>
public sealed class OneParseTests : IAsyncDisposable
{
    private readonly TestFiles _files = new();
    private readonly SqlLineageAnalyzer _analyzer = new();
    private readonly QueryRunner _runner;
    private readonly List<ConnectionSettings> _connections;

    public OneParseTests()
    {
        _runner = new QueryRunner([new DuckDbFederatedEngine()], analyzer: _analyzer);
        var warehouse = _files.PathOf("warehouse.duckdb");
        TestFiles.DuckDb($"ATTACH '{warehouse}' AS w", "CREATE TABLE w.main.facts AS SELECT range AS id, range % 3 AS kind FROM range(30)");
        _connections = [ConnectionSettings.Create("demo", "duckdb", [new("Path", warehouse)])];
    }

    [Fact]
    public async Task A_query_analyzed_by_the_front_is_not_parsed_again_by_the_runner_or_the_engine()
    {
        const string sql = "WITH k AS (SELECT kind, count(*) AS n FROM demo.main.facts GROUP BY ALL) SELECT sum(n) FROM k";
        var before = _analyzer.ParseCount;

        var analysis = await _analyzer.AnalyzeStatementAsync(sql);
        var status = await _runner.RunAsync(new QueryRequest(sql, _connections) { Analysis = analysis });

        Assert.Equal(QueryState.Succeeded, status.State);
        Assert.Equal(1, _analyzer.ParseCount - before);
    }

    [Fact]
    public async Task A_request_without_an_analysis_is_parsed_once_by_the_runner()
    {
        var before = _analyzer.ParseCount;

        var status = await _runner.RunAsync(new QueryRequest("SELECT count(*) FROM demo.facts", _connections));

        Assert.Equal(QueryState.Succeeded, status.State);
        Assert.Equal(1, _analyzer.ParseCount - before);
    }

    [Fact]
    public async Task A_refused_statement_fails_with_the_analysis_error_without_another_parse()
    {
        var before = _analyzer.ParseCount;

        var status = await _runner.RunAsync(new QueryRequest("DELETE FROM demo.main.facts", _connections));

        Assert.Equal(QueryState.Failed, status.State);
        Assert.Equal(QueryErrorKind.NotReadOnly, status.Error?.Kind);
        Assert.Equal(1, _analyzer.ParseCount - before);
    }

    [Fact]
    public void An_analysis_of_other_text_is_refused_so_checks_cannot_pass_on_one_statement_while_another_runs()
    {
        var harmless = _analyzer.AnalyzeStatement("SELECT 1");

        var error = Assert.Throws<ArgumentException>(() => _runner.Start(new QueryRequest("SELECT * FROM demo.main.facts", _connections) { Analysis = harmless }));

        Assert.Contains("different SQL text", error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _runner.DisposeAsync();
        _analyzer.Dispose();
        _files.Dispose();
    }
}
