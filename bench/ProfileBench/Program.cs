using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using TownLake.Bench;
using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Profiling;
using TownLake.Engine.Sql;

// Usage: dotnet run -c Release --project bench/ProfileBench -- [--tables 1000] [--columns 20] [--rows 5000]
//        [--big-rows 10000000] [--allow-dirty]     (writes bench/results/profile.md)
// Profiles (a) many small tables, each sampled, and (b) one large table sampled, against the same large table
// profiled exactly in the same run (the baseline the sampled time is compared with).
var provenance = RunProvenance.Capture("bench/ProfileBench", args);
var options = BenchOptions.Parse(args);
var tables = options.GetInt("tables", 1000);
var columns = options.GetInt("columns", 20);
var rows = options.GetInt("rows", 5000);
var bigRows = options.GetLong("big-rows", 10000000);
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(45));
var token = cancellation.Token;
var verdicts = new Verdicts();
var report = new StringBuilder();
var root = Path.Combine(Path.GetTempPath(), "townlake-profilebench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(root);
using var analyzer = new SqlLineageAnalyzer();
var profiler = new TableProfiler(new DuckDbFederatedEngine(), analyzer);

try
{
    // (a) many tables, sampled: each table has more rows than the exact limit, so every one is sampled.
    Console.WriteLine($"(a) {tables} tables × {columns} columns, {rows:N0} rows each …");
    var manyPath = Path.Combine(root, "many.duckdb");
    var manyColumns = Columns(columns);
    var setup = Stopwatch.StartNew();
    Build(manyPath, Enumerable.Range(0, tables).Select(t => $"CREATE TABLE wh.main.t{t:D4} AS {Select(manyColumns, rows, seed: t)}"));
    setup.Stop();
    var many = ConnectionSettings.Create("wh", "duckdb", [new("Path", manyPath)]);
    var sampledSmall = new ProfilingOptions { ExactRowLimit = rows / 2, SampleRows = rows / 5 };
    var clock = Stopwatch.StartNew();
    var sampledTables = 0;
    var targets = Enumerable.Range(0, tables).Select(t => new ProfileTarget(many, "main", $"t{t:D4}", manyColumns)).ToList();
    await foreach (var outcome in profiler.ProfileManyAsync(targets, sampledSmall, token))
    {
        sampledTables += outcome.Statistics?.Sampled == true ? 1 : 0;
    }

    clock.Stop();
    report.AppendLine($"## (a) {tables:N0} tables × {columns} columns, sampled");
    report.AppendLine();
    report.AppendLine($"Each table has {rows:N0} rows ({ColumnMix(manyColumns)}); exact limit {sampledSmall.ExactRowLimit:N0} rows, so each is profiled on a reservoir sample of {sampledSmall.SampleRows:N0} rows. One batch on one connection, as after an ingestion (TableProfiler.ProfileManyAsync: one DuckDB session, the file attached once).");
    report.AppendLine();
    report.AppendLine("| tables | sampled | setup (DDL) | profiling | per table |");
    report.AppendLine("|---:|---:|---:|---:|---:|");
    report.AppendLine($"| {tables:N0} | {sampledTables:N0} | {setup.Elapsed.TotalSeconds:0.0} s | **{clock.Elapsed.TotalSeconds:0.0} s** | {clock.Elapsed.TotalMilliseconds / tables:0} ms |");
    report.AppendLine();
    verdicts.Check($"{tables:N0} tables × {columns} columns profiled (sampled) in < 10 min", $"{clock.Elapsed.TotalSeconds:0.0} s", clock.Elapsed < TimeSpan.FromMinutes(10) && sampledTables == tables);
    Console.WriteLine($"    {clock.Elapsed.TotalSeconds:0.0} s ({clock.Elapsed.TotalMilliseconds / tables:0} ms per table)");

    // (b) one large table: sampled (the default options) against exact, measured in the same run.
    Console.WriteLine($"(b) one table of {bigRows:N0} rows …");
    var bigPath = Path.Combine(root, "big.duckdb");
    var bigColumns = Columns(10);
    setup.Restart();
    Build(bigPath, [$"CREATE TABLE wh.main.big AS {Select(bigColumns, bigRows, seed: 7)}"]);
    setup.Stop();
    var big = ConnectionSettings.Create("wh", "duckdb", [new("Path", bigPath)]);
    var target = new ProfileTarget(big, "main", "big", bigColumns);
    var defaults = new ProfilingOptions();
    var exactOptions = defaults with { ExactRowLimit = bigRows, StatementTimeout = TimeSpan.FromMinutes(20) };
    var sampled = await TimeAsync(() => profiler.ProfileAsync(target, defaults, token));
    var exact = await TimeAsync(() => profiler.ProfileAsync(target, exactOptions, token));
    report.AppendLine($"## (b) One table of {bigRows:N0} rows × {bigColumns.Count} columns");
    report.AppendLine();
    report.AppendLine($"{ColumnMix(bigColumns)}; built in {setup.Elapsed.TotalSeconds:0.0} s. Sampled with the default options (exact up to {defaults.ExactRowLimit:N0} rows, reservoir of {defaults.SampleRows:N0}); the exact profile of the same table, in the same run, is the baseline.");
    report.AppendLine();
    report.AppendLine("| profile | rows counted | profiled rows | distinct approximate | time | vs exact |");
    report.AppendLine("|---|---:|---:|---|---:|---:|");
    report.AppendLine($"| sampled (default) | {sampled.Result.RowCount:N0} | {sampled.Result.ProfiledRows:N0} | yes | **{sampled.Elapsed.TotalSeconds:0.00} s** | {sampled.Elapsed / exact.Elapsed:0.00}× |");
    report.AppendLine($"| exact (baseline) | {exact.Result.RowCount:N0} | {exact.Result.ProfiledRows:N0} | no | {exact.Elapsed.TotalSeconds:0.00} s | 1.00× |");
    report.AppendLine();
    verdicts.Check($"one {bigRows:N0}-row table profiled (sampled) in < 60 s", $"{sampled.Elapsed.TotalSeconds:0.00} s", sampled.Elapsed < TimeSpan.FromSeconds(60) && sampled.Result.Sampled);
    verdicts.Check("sampling is faster than profiling every row", $"{sampled.Elapsed / exact.Elapsed:0.00}×", sampled.Elapsed < exact.Elapsed);
    Console.WriteLine($"    sampled {sampled.Elapsed.TotalSeconds:0.00} s, exact {exact.Elapsed.TotalSeconds:0.00} s");
}
finally
{
    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
        // a leftover temp directory is harmless
    }
}

report.AppendLine("Notes: (a) runs as the catalog profiles a connection: one embedded DuckDB session for the batch, the file ATTACHed");
report.AppendLine("read-only once, three statements per sampled table (count and freshness, per-column aggregates, top values and");
report.AppendLine("histograms). (b) profiles one table alone, each statement in a fresh in-memory DuckDB of the federated engine.");
report.AppendLine("Times are wall clock on a shared machine (see the load above); compare the ratio in (b), measured in one run.");
await ResultsFile.WriteAsync("profile.md", "Profiling benchmark (TableProfiler)",
    $"dotnet run -c Release --project bench/ProfileBench -- {BenchOptions.Describe(args)}".TrimEnd(), provenance, report.ToString(), verdicts, token);
return verdicts.AllMet ? 0 : 1;

static List<ProfileColumn> Columns(int count) =>
    Enumerable.Range(0, count).Select(i => (i % 5) switch
    {
        0 => new ProfileColumn($"n{i}", "BIGINT"),
        1 => new ProfileColumn($"d{i}", "DOUBLE"),
        2 => new ProfileColumn($"s{i}", "VARCHAR"),
        3 => new ProfileColumn($"c{i}", "VARCHAR"),
        _ => new ProfileColumn($"t{i}", "TIMESTAMP"),
    }).ToList();

static string ColumnMix(List<ProfileColumn> columns) =>
    $"{columns.Count} columns: integers, doubles, high-cardinality text, low-cardinality text and timestamps in turn";

static string Select(List<ProfileColumn> columns, long rows, int seed)
{
    var expressions = columns.Select((c, i) => (i % 5) switch
    {
        0 => $"i * {i + 1} + {seed} AS {c.Name}",
        1 => $"CASE WHEN i % 13 = 0 THEN NULL ELSE (i % 1000) / 7.0 END AS {c.Name}",
        2 => $"'v' || (i * 7919 % {Math.Max(rows, 1)}) AS {c.Name}",
        3 => $"['EMEA','AMER','APAC','LATAM'][1 + (i % 4)::INTEGER] AS {c.Name}",
        _ => $"TIMESTAMP '2026-01-01' + to_seconds(i % 31536000) AS {c.Name}",
    });
    return $"SELECT {string.Join(", ", expressions)} FROM range(0, {rows}) r(i)";
}

static void Build(string path, IEnumerable<string> statements)
{
    using var connection = new DuckDBConnection("DataSource=:memory:");
    connection.Open();
    Execute(connection, $"ATTACH '{path}' AS wh");
    Execute(connection, "BEGIN");
    foreach (var statement in statements)
    {
        Execute(connection, statement);
    }

    Execute(connection, "COMMIT");
}

static void Execute(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

static async Task<(T Result, TimeSpan Elapsed)> TimeAsync<T>(Func<Task<T>> run)
{
    var clock = Stopwatch.StartNew();
    var result = await run();
    return (result, clock.Elapsed);
}
