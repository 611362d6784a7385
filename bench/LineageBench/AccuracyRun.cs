using System.Text;
using TownLake.Engine.Sql;

namespace TownLake.LineageBench;

/// <summary>Scores the analyzer (and a name-matching baseline) against the expected OpenLineage events.</summary>
internal sealed class AccuracyRun
{
    private readonly List<string> _failures = [];
    private int _cases;
    private int _parsed;
    private readonly Tally _tables = new();
    private readonly Tally _direct = new();
    private readonly Tally _indirect = new();
    private readonly Tally _baselineDirect = new();
    private int _subtypeRight;
    private int _maskingRight;

    public async Task RunAsync(IReadOnlyList<string> casePaths, SqlDialect dialect, CancellationToken cancellationToken)
    {
        using var analyzer = new SqlLineageAnalyzer();
        foreach (var path in casePaths)
        {
            var lineageCase = LineageCase.Load(path);
            var results = await analyzer.AnalyzeScriptAsync(new SqlAnalysisRequest(lineageCase.Sql)
            {
                Dialect = dialect,
                DefaultSchema = lineageCase.DefaultSchema,
                Schemas = SqlSchemaResolvers.FromTables(lineageCase.Schemas),
            }, cancellationToken);
            Score(lineageCase, results);
        }
    }

    /// <summary>Scores one case; a script (or Hive multi-insert) contributes the edges of all its statements.</summary>
    private void Score(LineageCase expected, IReadOnlyList<SqlLineageResult> results)
    {
        _cases++;
        var problems = new List<string>();
        if (results.Count > 0 && results.All(r => r.Parsed))
        {
            _parsed++;
        }
        else
        {
            problems.Add("not parsed: " + string.Join("; ", results.SelectMany(r => r.Diagnostics).Select(d => d.Message)));
        }

        var tables = new HashSet<TableEdge>();
        var direct = new Dictionary<ColumnEdge, HashSet<string>>();
        var masked = new Dictionary<ColumnEdge, bool>();
        var indirect = new HashSet<IndirectEdge>();
        foreach (var result in results)
        {
            Collect(result, tables, direct, masked, indirect);
        }

        _tables.Add(expected.TableEdges, tables, problems, "table edge");
        _direct.Add(expected.DirectEdges.Keys.ToHashSet(), direct.Keys.ToHashSet(), problems, "direct edge");
        _indirect.Add(expected.IndirectEdges.ToHashSet(), indirect, problems, "indirect edge");
        foreach (var (edge, subtypes) in expected.DirectEdges)
        {
            if (direct.TryGetValue(edge, out var found) && found.SetEquals(subtypes))
            {
                _subtypeRight++;
            }
            else if (found is not null)
            {
                problems.Add($"subtype of {edge.Input}.{edge.Field} → {edge.Column}: expected {string.Join('+', subtypes.Order())}, got {string.Join('+', found.Order())}");
            }
        }

        foreach (var edge in expected.DirectEdges.Keys.Where(direct.ContainsKey))
        {
            if (masked.GetValueOrDefault(edge) == expected.MaskedEdges.Contains(edge))
            {
                _maskingRight++;
            }
            else
            {
                problems.Add($"masking of {edge.Input}.{edge.Field} → {edge.Column}: expected {expected.MaskedEdges.Contains(edge)}");
            }
        }

        // Baseline: what a catalog without a SQL parser does — match output columns to same-named input columns.
        var baseline = new HashSet<ColumnEdge>();
        var outputs = expected.TableEdges.Select(e => e.Output).ToHashSet();
        foreach (var output in outputs)
        {
            var outputColumns = expected.Schemas.TryGetValue(output, out var o) ? o : [];
            foreach (var (table, columns) in expected.Schemas.Where(s => !outputs.Contains(s.Key.ToLowerInvariant())))
            {
                foreach (var column in columns.Where(c => outputColumns.Contains(c, StringComparer.OrdinalIgnoreCase)))
                {
                    baseline.Add(new ColumnEdge(output, column.ToLowerInvariant(), table.ToLowerInvariant(), column.ToLowerInvariant()));
                }
            }
        }

        _baselineDirect.Add(expected.DirectEdges.Keys.ToHashSet(), baseline, null, "baseline");
        if (problems.Count > 0)
        {
            _failures.Add($"- **{expected.Name}**: " + string.Join("; ", problems));
        }
    }

    private static void Collect(SqlLineageResult result, HashSet<TableEdge> tables, Dictionary<ColumnEdge, HashSet<string>> direct,
        Dictionary<ColumnEdge, bool> masked, HashSet<IndirectEdge> indirect)
    {
        var output = result.Target?.ToString().ToLowerInvariant() ?? "";
        tables.UnionWith(result.Inputs.Select(i => new TableEdge(i.ToString().ToLowerInvariant(), output)));
        foreach (var column in result.Columns)
        {
            foreach (var field in column.InputFields)
            {
                var edge = new ColumnEdge(output, column.Name.ToLowerInvariant(), field.Table.ToString().ToLowerInvariant(), field.Column.ToLowerInvariant());
                foreach (var t in field.Transformations)
                {
                    if (t.Type == TransformationType.Direct)
                    {
                        direct.TryAdd(edge, []);
                        direct[edge].Add(t.SubtypeName);
                        masked[edge] = masked.GetValueOrDefault(edge) || t.Masking;
                    }
                    else
                    {
                        indirect.Add(new IndirectEdge(edge.Output, edge.Column, edge.Input, edge.Field, t.SubtypeName));
                    }
                }
            }
        }

        foreach (var field in result.DatasetLineage)
        {
            foreach (var t in field.Transformations)
            {
                indirect.Add(new IndirectEdge(output, "*", field.Table.ToString().ToLowerInvariant(), field.Column.ToLowerInvariant(), t.SubtypeName));
            }
        }
    }

    public string Report(string casesDirectory)
    {
        var expectedDirect = _direct.Expected;
        var report = new StringBuilder();
        report.AppendLine("| Measure | Result | Target |");
        report.AppendLine("|---|---|---|");
        report.AppendLine($"| Cases parsed without error | {_parsed}/{_cases} ({Percent(_parsed, _cases)}) | — |");
        report.AppendLine($"| Table-level edges: recall | {_tables.Found}/{_tables.Expected} ({Percent(_tables.Found, _tables.Expected)}) | ≥ 95% |");
        report.AppendLine($"| Table-level edges: precision | {_tables.Found}/{_tables.Produced} ({Percent(_tables.Found, _tables.Produced)}) | — |");
        report.AppendLine($"| Direct column edges: recall | {_direct.Found}/{expectedDirect} ({Percent(_direct.Found, expectedDirect)}) | ≥ 90% |");
        report.AppendLine($"| Direct column edges: precision | {_direct.Found}/{_direct.Produced} ({Percent(_direct.Found, _direct.Produced)}) | — |");
        report.AppendLine($"| Direct edges with the exact subtype(s) | {_subtypeRight}/{expectedDirect} ({Percent(_subtypeRight, expectedDirect)}) | ≥ 80% |");
        report.AppendLine($"| Direct edges with the right masking flag | {_maskingRight}/{expectedDirect} ({Percent(_maskingRight, expectedDirect)}) | — |");
        report.AppendLine($"| Indirect edges (JOIN/FILTER/GROUP_BY/SORT/WINDOW/CONDITIONAL): recall | {_indirect.Found}/{_indirect.Expected} ({Percent(_indirect.Found, _indirect.Expected)}) | — |");
        report.AppendLine($"| Indirect edges: precision | {_indirect.Found}/{_indirect.Produced} ({Percent(_indirect.Found, _indirect.Produced)}) | — |");
        report.AppendLine($"| Baseline (same-name column matching, no parser): direct recall | {_baselineDirect.Found}/{expectedDirect} ({Percent(_baselineDirect.Found, expectedDirect)}) | — |");
        report.AppendLine($"| Baseline: direct precision | {_baselineDirect.Found}/{_baselineDirect.Produced} ({Percent(_baselineDirect.Found, _baselineDirect.Produced)}) | — |");
        report.AppendLine();
        report.AppendLine($"Cases: `{casesDirectory}` ({_cases} files).");
        report.AppendLine();
        report.AppendLine("### Per-case failures");
        report.AppendLine();
        if (_failures.Count == 0)
        {
            report.AppendLine("None.");
        }

        foreach (var failure in _failures)
        {
            report.AppendLine(failure);
        }

        return report.ToString();
    }

    /// <summary>The targets this benchmark sets, checked against what it measured.</summary>
    public TownLake.Bench.Verdicts Verdicts()
    {
        static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
        return new TownLake.Bench.Verdicts()
            .Check("table-level edge recall ≥ 95%", Percent(_tables.Found, _tables.Expected), Share(_tables.Found, _tables.Expected) >= 0.95)
            .Check("direct column edge recall ≥ 90%", Percent(_direct.Found, _direct.Expected), Share(_direct.Found, _direct.Expected) >= 0.90)
            .Check("direct edges with the exact subtype(s) ≥ 80%", Percent(_subtypeRight, _direct.Expected), Share(_subtypeRight, _direct.Expected) >= 0.80);
    }

    private static string Percent(int part, int whole) => whole == 0 ? "n/a" : $"{100.0 * part / whole:0.0}%";

    /// <summary>Expected, produced and matched counts for one kind of edge.</summary>
    private sealed class Tally
    {
        public int Expected { get; private set; }

        public int Produced { get; private set; }

        public int Found { get; private set; }

        public void Add<T>(IReadOnlySet<T> expected, IReadOnlySet<T> produced, List<string>? problems, string what)
        {
            Expected += expected.Count;
            Produced += produced.Count;
            Found += expected.Count(produced.Contains);
            if (problems is null)
            {
                return;
            }

            problems.AddRange(expected.Where(e => !produced.Contains(e)).Select(e => $"missing {what} {e}"));
            problems.AddRange(produced.Where(p => !expected.Contains(p)).Select(p => $"extra {what} {p}"));
        }
    }
}
