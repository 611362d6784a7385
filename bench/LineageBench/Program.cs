using TownLake.Engine.Sql;
using TownLake.LineageBench;

// dotnet run -c Release --project bench/LineageBench -- accuracy [--cases <dir>] [--dialect hive] [--allow-dirty]
if (args.Length >= 2 && args[0] == "analyze")
{
    // Ad-hoc inspection: LineageBench analyze "<sql>" [--dialect hive] [--schema name=a,b,c ...]
    using var analyzer = new SqlLineageAnalyzer();
    var schemas = args.Select((a, i) => (a, i)).Where(p => p.a == "--schema" && p.i + 1 < args.Length)
        .Select(p => args[p.i + 1].Split('=', 2))
        .ToDictionary(p => p[0], p => (IReadOnlyList<string>)p[1].Split(','));
    var analysis = await analyzer.AnalyzeAsync(new SqlAnalysisRequest(args[1])
    {
        Dialect = SqlDialects.FromHint(Option("--dialect")),
        DefaultSchema = Option("--default-schema"),
        Schemas = SqlSchemaResolvers.FromTables(schemas),
    });
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(analysis, new System.Text.Json.JsonSerializerOptions
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    }));
    return 0;
}

if (args.Length == 0 || args[0] != "accuracy")
{
    Console.Error.WriteLine("usage: LineageBench accuracy [--cases <dir>] [--dialect hive] [--allow-dirty]");
    Console.Error.WriteLine("       LineageBench analyze \"<sql>\" [--dialect hive] [--default-schema s] [--schema table=col1,col2 ...]");
    return 2;
}

var provenance = TownLake.Bench.RunProvenance.Capture("bench/LineageBench", args);
var root = TownLake.Bench.RunProvenance.RepositoryRoot();
// The labelled set: the OpenLineage project's Hive/Spark cases (kept in ../shared) and TownLake's own dialect cases.
var sharedCases = Path.GetFullPath(Path.Combine(root, "..", "shared", "benchmarks", "sql-lineage"));
var ownCases = Path.Combine(root, "bench", "LineageBench", "cases");
IReadOnlyList<string> caseDirectories = Option("--cases") is { } only ? [Path.GetFullPath(only)] : [sharedCases, ownCases];
var dialect = SqlDialects.FromHint(Option("--dialect") ?? "hive");
foreach (var missing in caseDirectories.Where(d => !Directory.Exists(d)))
{
    Console.Error.WriteLine($"No cases at {missing}; it is left out (pass --cases <dir> to score another folder).");
}

var cases = caseDirectories.Where(Directory.Exists)
    .SelectMany(d => Directory.GetFiles(d, "*.json").Order(StringComparer.Ordinal))
    .ToList();
if (cases.Count == 0)
{
    Console.Error.WriteLine("No cases to score.");
    return 1;
}

var run = new AccuracyRun();
var clock = System.Diagnostics.Stopwatch.StartNew();
await run.RunAsync(cases, dialect, CancellationToken.None);
clock.Stop();

var body = $"""
    {cases.Count} cases analyzed in {clock.ElapsedMilliseconds} ms (includes opening DuckDB), each in the dialect its
    SQL facet names (`job.facets.sql.dialect`), else `{dialect}`.

    Scoring: table edges are every (input, output) pair of the expected event; direct column edges are
    (input column → output column) pairs with a DIRECT transformation; "exact subtype" needs the set of DIRECT
    subtypes on that pair to match (e.g. IDENTITY+TRANSFORMATION for `IF(b > 1, a, a + b)`). Indirect edges
    compare per-column (WINDOW, CONDITIONAL) and dataset-wide (`*`: JOIN, FILTER, GROUP_BY, SORT) dependencies.
    Table and column names are compared exactly as the expected event spells them, so every edge also checks the
    dialect's identifier folding (Snowflake `ORDERS`, Trino `orders`, a quoted `"Amt"` kept as written); a
    statement that writes several tables (multi-insert, `INSERT ALL`, a script) must yield the edges of each target.

    {run.Report([.. caseDirectories.Where(Directory.Exists).Select(d => Path.GetRelativePath(root, d))])}
    """;
Console.WriteLine(body);
await TownLake.Bench.ResultsFile.WriteAsync("sql-lineage.md", "SQL column-lineage accuracy",
    "dotnet run -c Release --project bench/LineageBench -- accuracy", provenance, body, run.Verdicts());
return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
