using System.Text;
using TownLake.Engine.Sql;

namespace TownLake.LineageBench;

/// <summary>
/// Scores the analyzer (and a name-matching baseline) against the expected OpenLineage events, over all cases and per
/// dialect. Each case is analyzed in the dialect its SQL facet names, or the run's default when it names none.
/// </summary>
internal sealed class AccuracyRun
{
    private readonly Scoreboard _overall = new();
    private readonly SortedDictionary<SqlDialect, Scoreboard> _byDialect = [];
    private readonly List<string> _sources = [];

    public async Task RunAsync(IReadOnlyList<string> casePaths, SqlDialect defaultDialect, CancellationToken cancellationToken)
    {
        using var analyzer = new SqlLineageAnalyzer();
        foreach (var path in casePaths)
        {
            var lineageCase = LineageCase.Load(path);
            var dialect = lineageCase.Dialect is { } hint ? SqlDialects.FromHint(hint) : defaultDialect;
            var results = await analyzer.AnalyzeScriptAsync(new SqlAnalysisRequest(lineageCase.Sql)
            {
                Dialect = dialect,
                DefaultSchema = lineageCase.DefaultSchema,
                Schemas = SqlSchemaResolvers.FromTables(lineageCase.Schemas),
            }, cancellationToken);
            _overall.Score(lineageCase, results);
            if (!_byDialect.TryGetValue(dialect, out var board))
            {
                _byDialect[dialect] = board = new Scoreboard();
            }

            board.Score(lineageCase, results);
        }
    }

    public string Report(IReadOnlyList<string> caseDirectories)
    {
        var report = new StringBuilder();
        report.AppendLine("### All cases");
        report.AppendLine();
        report.Append(_overall.Table());
        report.AppendLine();
        report.AppendLine($"Cases: {string.Join(", ", caseDirectories.Select(d => $"`{d}`"))} ({_overall.Cases} files).");
        report.AppendLine();
        report.AppendLine("### Per dialect");
        report.AppendLine();
        report.AppendLine("| Dialect | Cases | Parsed | Table edges: recall | Table edges: precision | Direct column edges: recall | Direct: precision | Exact subtype(s) | Indirect: recall |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (dialect, board) in _byDialect)
        {
            report.AppendLine($"| {dialect} | {board.Cases} | {board.Row()} |");
        }

        report.AppendLine();
        report.AppendLine("### Per-case failures");
        report.AppendLine();
        report.Append(_overall.Failures());
        return report.ToString();
    }

    /// <summary>
    /// The targets this benchmark sets, checked against what it measured: the overall ones, and for every dialect
    /// 100% of table edges and ≥ 95% of direct column edges.
    /// </summary>
    public TownLake.Bench.Verdicts Verdicts()
    {
        var verdicts = new TownLake.Bench.Verdicts()
            .Check("table-level edge recall ≥ 95%", _overall.Tables.Percent, _overall.Tables.Share >= 0.95)
            .Check("direct column edge recall ≥ 90%", _overall.Direct.Percent, _overall.Direct.Share >= 0.90)
            .Check("direct edges with the exact subtype(s) ≥ 80%", Scoreboard.Percent(_overall.SubtypeRight, _overall.Direct.Expected),
                Scoreboard.Share(_overall.SubtypeRight, _overall.Direct.Expected) >= 0.80);
        foreach (var (dialect, board) in _byDialect)
        {
            verdicts
                .Check($"{dialect}: table-level edge recall = 100%", board.Tables.Percent, board.Tables.Found == board.Tables.Expected)
                .Check($"{dialect}: direct column edge recall ≥ 95%", board.Direct.Percent, board.Direct.Share >= 0.95);
        }

        return verdicts;
    }
}
