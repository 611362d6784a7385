using System.Text;
using TownLake.Engine.Sql;

namespace TownLake.LineageBench;

/// <summary>Counts of one group of cases (all, or one dialect's): edges expected, produced and found, and the failures met.</summary>
internal sealed class Scoreboard
{
    private readonly List<string> _failures = [];
    private readonly Tally _baselineDirect = new();
    private int _parsed;
    private int _maskingRight;

    public int Cases { get; private set; }

    public Tally Tables { get; } = new();

    public Tally Direct { get; } = new();

    public Tally Indirect { get; } = new();

    public int SubtypeRight { get; private set; }

    /// <summary>Scores one case; a script (or multi-insert) contributes the edges of all its statements.</summary>
    public void Score(LineageCase expected, IReadOnlyList<SqlLineageResult> results)
    {
        Cases++;
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

        Tables.Add(expected.TableEdges, tables, problems, "table edge");
        Direct.Add(expected.DirectEdges.Keys.ToHashSet(), direct.Keys.ToHashSet(), problems, "direct edge");
        Indirect.Add(expected.IndirectEdges.ToHashSet(), indirect, problems, "indirect edge");
        foreach (var (edge, subtypes) in expected.DirectEdges)
        {
            if (direct.TryGetValue(edge, out var found) && found.SetEquals(subtypes))
            {
                SubtypeRight++;
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
        var outputs = expected.TableEdges.Select(e => e.Output).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var output in outputs)
        {
            var outputColumns = expected.Schemas.TryGetValue(output, out var o) ? o : [];
            foreach (var (table, columns) in expected.Schemas.Where(s => !outputs.Contains(s.Key)))
            {
                foreach (var column in columns)
                {
                    if (outputColumns.FirstOrDefault(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase)) is { } outputColumn)
                    {
                        baseline.Add(new ColumnEdge(output, outputColumn, table, column));
                    }
                }
            }
        }

        _baselineDirect.Add(expected.DirectEdges.Keys.ToHashSet(), baseline, null, "baseline");
        if (problems.Count > 0)
        {
            _failures.Add($"- **{expected.Name}**: " + string.Join("; ", problems));
        }
    }

    /// <summary>Names are compared exactly as written: the analyzer must fold them the way the dialect does.</summary>
    private static void Collect(SqlLineageResult result, HashSet<TableEdge> tables, Dictionary<ColumnEdge, HashSet<string>> direct,
        Dictionary<ColumnEdge, bool> masked, HashSet<IndirectEdge> indirect)
    {
        var output = result.Target?.ToString() ?? "";

        // A MERGE or UPDATE reads its own target; the catalog drops such self-references, and so does the score.
        tables.UnionWith(result.Inputs.Where(i => i.ToString() != output).Select(i => new TableEdge(i.ToString(), output)));
        foreach (var column in result.Columns)
        {
            foreach (var field in column.InputFields)
            {
                var edge = new ColumnEdge(output, column.Name, field.Table.ToString(), field.Column);
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
                indirect.Add(new IndirectEdge(output, "*", field.Table.ToString(), field.Column, t.SubtypeName));
            }
        }
    }

    /// <summary>The overall measures as a Markdown table.</summary>
    public string Table()
    {
        var expectedDirect = Direct.Expected;
        var report = new StringBuilder();
        report.AppendLine("| Measure | Result | Target |");
        report.AppendLine("|---|---|---|");
        report.AppendLine($"| Cases parsed without error | {_parsed}/{Cases} ({Percent(_parsed, Cases)}) | — |");
        report.AppendLine($"| Table-level edges: recall | {Tables.Found}/{Tables.Expected} ({Tables.Percent}) | ≥ 95% |");
        report.AppendLine($"| Table-level edges: precision | {Tables.Found}/{Tables.Produced} ({Percent(Tables.Found, Tables.Produced)}) | — |");
        report.AppendLine($"| Direct column edges: recall | {Direct.Found}/{expectedDirect} ({Direct.Percent}) | ≥ 90% |");
        report.AppendLine($"| Direct column edges: precision | {Direct.Found}/{Direct.Produced} ({Percent(Direct.Found, Direct.Produced)}) | — |");
        report.AppendLine($"| Direct edges with the exact subtype(s) | {SubtypeRight}/{expectedDirect} ({Percent(SubtypeRight, expectedDirect)}) | ≥ 80% |");
        report.AppendLine($"| Direct edges with the right masking flag | {_maskingRight}/{expectedDirect} ({Percent(_maskingRight, expectedDirect)}) | — |");
        report.AppendLine($"| Indirect edges (JOIN/FILTER/GROUP_BY/SORT/WINDOW/CONDITIONAL): recall | {Indirect.Found}/{Indirect.Expected} ({Indirect.Percent}) | — |");
        report.AppendLine($"| Indirect edges: precision | {Indirect.Found}/{Indirect.Produced} ({Percent(Indirect.Found, Indirect.Produced)}) | — |");
        report.AppendLine($"| Baseline (same-name column matching, no parser): direct recall | {_baselineDirect.Found}/{expectedDirect} ({Percent(_baselineDirect.Found, expectedDirect)}) | — |");
        report.AppendLine($"| Baseline: direct precision | {_baselineDirect.Found}/{_baselineDirect.Produced} ({Percent(_baselineDirect.Found, _baselineDirect.Produced)}) | — |");
        return report.ToString();
    }

    /// <summary>The measures of one dialect's row, from "Parsed" on.</summary>
    public string Row() =>
        $"{_parsed}/{Cases} | {Tables.Found}/{Tables.Expected} ({Tables.Percent}) | {Percent(Tables.Found, Tables.Produced)} | "
        + $"{Direct.Found}/{Direct.Expected} ({Direct.Percent}) | {Percent(Direct.Found, Direct.Produced)} | "
        + $"{Percent(SubtypeRight, Direct.Expected)} | {Indirect.Percent}";

    public string Failures() => _failures.Count == 0 ? "None." + Environment.NewLine : string.Join(Environment.NewLine, _failures) + Environment.NewLine;

    public static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    public static string Percent(int part, int whole) => whole == 0 ? "n/a" : $"{100.0 * part / whole:0.0}%";
}

/// <summary>Expected, produced and matched counts for one kind of edge.</summary>
internal sealed class Tally
{
    public int Expected { get; private set; }

    public int Produced { get; private set; }

    public int Found { get; private set; }

    public double Share => Scoreboard.Share(Found, Expected);

    public string Percent => Scoreboard.Percent(Found, Expected);

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
