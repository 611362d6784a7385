using System.Globalization;
using System.Text;
using TownLake.Bench;
using TownLake.QueryBench;
using TownLake.TestSupport;

// Usage: dotnet run -c Release --project bench/QueryBench -- [--tables 5000] [--columns 30] [--fact-rows 4000000]
//        [--repetitions 15] [--allow-dirty]     (writes bench/results/query-engine.md)
var provenance = RunProvenance.Capture("bench/QueryBench", args);
var options = BenchOptions.Parse(args);
var verdicts = new Verdicts();
var tables = options.GetInt("tables", 5000);
var columns = options.GetInt("columns", 30);
var factRows = options.GetInt("fact-rows", 4000000);
var repetitions = options.GetInt("repetitions", 15);
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(30));
var token = cancellation.Token;
var report = new StringBuilder();

// (a) PostgreSQL ingestion (--tables 0 skips it)
if (tables > 0)
{
Console.WriteLine($"(a) PostgreSQL extraction: {tables} tables x {columns} columns …");
await using (var server = await PostgresServer.StartAsync(token)
    ?? throw new InvalidOperationException("PostgreSQL unavailable: " + PostgresServer.UnavailableReason))
{
    var ingestion = await IngestionBenchmark.RunAsync(server, tables, columns, token);
    verdicts.Check($"PostgreSQL extraction of {ingestion.Tables:N0} tables × {ingestion.ColumnsPerTable} columns < 60 s", $"{ingestion.Extraction.TotalSeconds:0.00} s", ingestion.Extraction < TimeSpan.FromSeconds(60));
    report.AppendLine("## (a) PostgreSQL metadata extraction");
    report.AppendLine();
    report.AppendLine("| tables | columns/table | extracted tables | extracted columns | foreign keys | DDL setup | extraction |");
    report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
    report.AppendLine($"| {ingestion.Tables} | {ingestion.ColumnsPerTable} | {ingestion.ExtractedTables} | {ingestion.ExtractedColumns} | {ingestion.ForeignKeys} | {ingestion.Setup.TotalSeconds:0.0} s | **{ingestion.Extraction.TotalSeconds:0.00} s** |");
    report.AppendLine();
    Console.WriteLine($"    extraction {ingestion.Extraction.TotalSeconds:0.00} s ({ingestion.ExtractedTables} tables, {ingestion.ExtractedColumns} columns)");
}
}

// (b) API overhead vs DuckDB direct, (c) throughput
Console.WriteLine($"(b) query overhead on {factRows:N0} Parquet rows …");
await using (var bench = QueryBenchmark.Create(factRows))
{
    const string aggregate = "SELECT customer_id, sum(amount) AS total, count(*) AS n FROM {facts} WHERE quarter < 3 GROUP BY customer_id";
    // Seam: the lead's GraphQL path is added to this list as one more QueryPath, measured in the same run.
    var paths = new List<QueryPath> { bench.Direct, bench.Api };
    var overhead = await QueryBenchmark.CompareAsync(paths, aggregate, repetitions, token);
    var baseline = overhead[0].Median;
    report.AppendLine("## (b) Query API overhead vs DuckDB called directly");
    report.AppendLine();
    report.AppendLine($"Query: `{aggregate}` over {factRows:N0} Parquet rows (4 Hive partitions); median of {repetitions} interleaved runs after a warm-up; every row read.");
    report.AppendLine();
    report.AppendLine("| path | rows | median | vs DuckDB direct |");
    report.AppendLine("|---|---:|---:|---:|");
    foreach (var (path, median, rows, _) in overhead)
    {
        report.AppendLine($"| {path} | {rows:N0} | {median.TotalMilliseconds:0.0} ms | {median / baseline:0.00}x (+{(median - baseline).TotalMilliseconds:0.0} ms) |");
        Console.WriteLine($"    {path}: {median.TotalMilliseconds:0.0} ms");
    }

    var ratio = PairedRatio.Of(overhead[0].SamplesMs, overhead[1].SamplesMs);
    report.AppendLine();
    report.AppendLine($"Paired ratio {overhead[1].Path} / {overhead[0].Path}: {ratio}.");
    report.AppendLine();
    verdicts.Check("query API overhead < 1.10× DuckDB direct (upper bound of the 95% CI)", ratio.ToString(), ratio.High < 1.10);
    Console.WriteLine("(c) result throughput when paging …");
    const string wide = "SELECT id, customer_id, amount, quarter FROM {facts}";
    var throughput = await QueryBenchmark.CompareAsync(paths, wide, Math.Max(3, repetitions / 3), token);
    var (pagedRows, pagingTime) = await bench.PagingOnlyAsync(wide, token);
    report.AppendLine($"## (c) Result throughput ({factRows:N0} rows × 4 columns, pages of 10,000)");
    report.AppendLine();
    report.AppendLine("| measured | rows | time | rows/s | target |");
    report.AppendLine("|---|---:|---:|---:|---|");
    foreach (var (path, median, rows, _) in throughput)
    {
        var rate = rows / median.TotalSeconds;
        report.AppendLine($"| {path}: execute + read all (median of {Math.Max(3, repetitions / 3)} interleaved runs after a warm-up) | {rows:N0} | {median.TotalMilliseconds:0} ms | {rate:N0} | {(path == bench.Api.Name ? "≥ 1M/s" : "baseline")} |");
        Console.WriteLine($"    {path}: {rate:N0} rows/s");
        if (path == bench.Api.Name)
        {
            verdicts.Check("query API throughput, execute + read all ≥ 1M rows/s", $"{rate:N0} rows/s", rate >= 1_000_000);
        }
    }

    var pagingRate = pagedRows / pagingTime.TotalSeconds;
    report.AppendLine($"| paging a finished run (FetchAsync only) | {pagedRows:N0} | {pagingTime.TotalMilliseconds:0} ms | {pagingRate:N0} | ≥ 1M/s |");
    verdicts.Check("paging a finished run ≥ 1M rows/s", $"{pagingRate:N0} rows/s", pagingRate >= 1_000_000);
    Console.WriteLine($"    paging only: {pagingRate:N0} rows/s");
}

report.AppendLine();
report.AppendLine("Notes: the API path includes parsing the statement with DuckDB, opening a per-query in-memory DuckDB, creating the");
report.AppendLine("file views, locking external access, running, boxing every value into `object?[]` rows, holding them in memory and paging.");
report.AppendLine("For (c) the runner's row cap is raised to 5,000,000 (default 100,000).");
await ResultsFile.WriteAsync("query-engine.md", "Query engine benchmark (connectors + query execution)",
    $"dotnet run -c Release --project bench/QueryBench -- {BenchOptions.Describe(args)}".TrimEnd(), provenance, report.ToString(), verdicts, token);
