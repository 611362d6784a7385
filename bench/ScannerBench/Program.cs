using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using TownLake.Bench;
using TownLake.Catalog.Governance;
using TownLake.Catalog.Governance.Scanning;
using TownLake.Catalog.Governance.Scanning.Matchers;
using TownLake.Engine.Connectors;
using TownLake.Engine.Connectors.DuckDb;
using TownLake.Engine.Sampling;
using TownLake.Engine.Sql;
using TownLake.ScannerBench;

// Usage: dotnet run -c Release --project bench/ScannerBench -- [--tables 1000] [--columns 20] [--rows 1000] [--pairs 3]
//        [--parallel 2] [--allow-dirty]     (writes bench/results/scanner.md)
var provenance = RunProvenance.Capture("bench/ScannerBench", args);
var options = BenchOptions.Parse(args);
var tables = options.GetInt("tables", 1000);
var columns = options.GetInt("columns", 20);
var rows = options.GetInt("rows", 1000);
var pairs = options.GetInt("pairs", 3);
var parallel = options.GetInt("parallel", 2);
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(40));
var token = cancellation.Token;
var verdicts = new Verdicts();
var report = new StringBuilder();

Console.WriteLine($"Generating {tables:N0} tables × {columns} columns × {rows:N0} rows …");
var generation = Stopwatch.StartNew();
using var warehouse = LabelledWarehouse.Create(tables, columns, rows, seed: 20261130);
generation.Stop();
Console.WriteLine($"    {generation.Elapsed.TotalSeconds:0.0} s");

var connection = ConnectionSettings.Create("bench", "duckdb", [new(ConnectionSettings.PathKey, warehouse.Path)]);
using var analyzer = new SqlLineageAnalyzer();
var sampler = new TableSampler([new DuckDbFederatedEngine()], analyzer);
var classifier = new ColumnClassifier(ScannerServices.DefaultDetectors(PersonNameDictionary.LoadEmbedded()));
var scannerOptions = new ScannerOptions { SampleRows = rows };
var scanner = new PiiScanner(sampler, classifier, Options.Create(scannerOptions), TimeProvider.System);

// Tables go in batches of 50, as the scan scheduler's workers take them: one DuckDB session of the file serves a batch.
var batches = warehouse.Tables.Chunk(50).ToList();

async Task<TimeSpan> ReadAllAsync()
{
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = token }, async (batch, ct) =>
    {
        var requests = batch.Select(table => new SampleRequest(connection, "main", table, rows, scannerOptions.TableTimeout, scannerOptions.MaxValueLength, scannerOptions.MaxSampleBytes)).ToList();
        await foreach (var outcome in sampler.SampleManyAsync(requests, ct))
        {
            if (outcome.Sample?.Rows != rows)
            {
                throw new InvalidOperationException($"{outcome.Request.Table}: sampled {outcome.Sample?.Rows} rows, expected {rows} ({outcome.Error?.Message}).");
            }
        }
    });
    return watch.Elapsed;
}

async Task<(TimeSpan Elapsed, List<TableScan> Scans)> ScanAllAsync()
{
    var scans = new System.Collections.Concurrent.ConcurrentBag<TableScan>();
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = token }, async (batch, ct) =>
    {
        await foreach (var outcome in scanner.ScanTablesAsync(connection, batch.Select(table => new TableToScan("main", table, [])).ToList(), ct))
        {
            scans.Add(outcome.Scan ?? throw new InvalidOperationException($"{outcome.Table.Table}: {outcome.Error?.Message}"));
        }
    });
    return (watch.Elapsed, scans.ToList());
}

Console.WriteLine("Warm-up …");
await ReadAllAsync();
var baselines = new List<double>();
var candidates = new List<double>();
List<TableScan> findings = [];
for (var pair = 1; pair <= pairs; pair++)
{
    var read = await ReadAllAsync();
    var (scanned, scans) = await ScanAllAsync();
    baselines.Add(read.TotalSeconds);
    candidates.Add(scanned.TotalSeconds);
    findings = scans;
    Console.WriteLine($"    pair {pair}: read samples {read.TotalSeconds:0.00} s, scan (read + classify) {scanned.TotalSeconds:0.00} s");
}

// Accuracy over every column of the warehouse.
var predicted = new Dictionary<(string, string), ColumnFinding>();
foreach (var scan in findings)
{
    var table = scan.Dataset.Split('.')[2];
    foreach (var finding in scan.Findings)
    {
        predicted[(table, finding.Column)] = finding;
    }
}

var categories = Enum.GetValues<PiiCategory>();
var confusion = new Dictionary<(PiiCategory Label, PiiCategory Predicted), int>();
var errorsByKind = new Dictionary<string, Dictionary<PiiCategory, int>>();
foreach (var (key, (label, kind)) in warehouse.Labels)
{
    var got = predicted.TryGetValue(key, out var finding) ? finding.Category : throw new InvalidOperationException($"No finding for {key}.");
    confusion[(label, got)] = confusion.GetValueOrDefault((label, got)) + 1;
    if (got != label)
    {
        var errors = errorsByKind.TryGetValue(kind, out var e) ? e : errorsByKind[kind] = [];
        errors[got] = errors.GetValueOrDefault(got) + 1;
    }
}

int Count(Func<PiiCategory, PiiCategory, bool> where) => confusion.Where(c => where(c.Key.Label, c.Key.Predicted)).Sum(c => c.Value);
var totalColumns = warehouse.Labels.Count;
var piiColumns = Count((l, _) => l != PiiCategory.None);
var flagged = Count((_, p) => p != PiiCategory.None);
var flaggedPii = Count((l, p) => l != PiiCategory.None && p != PiiCategory.None);
var piiRecall = (double)flaggedPii / piiColumns;
var piiPrecision = flagged == 0 ? 0 : (double)flaggedPii / flagged;
var exact = Count((l, p) => l == p);

report.AppendLine("## Warehouse");
report.AppendLine();
report.AppendLine($"{tables:N0} DuckDB tables × {columns} columns × {rows:N0} rows ({totalColumns:N0} labelled columns, {piiColumns:N0} of them PII) generated from {Families.All.Count} column kinds " +
                  $"({Families.All.Count(f => f.Label != PiiCategory.None)} PII kinds covering every category, {Families.All.Count(f => f.Label == PiiCategory.None)} look-alike kinds) in {generation.Elapsed.TotalSeconds:0.0} s; seed 20261130. " +
                  "About a third of the columns of kinds whose values identify them get a neutral name (`attr_07`), so values alone must carry them. " +
                  "The generator uses its own name lists (about half absent from the scanner's dictionary) and its own check-digit code.");
report.AppendLine();
report.AppendLine("## Accuracy (every column of the warehouse)");
report.AppendLine();
report.AppendLine($"PII column (any category vs NONE): recall **{piiRecall:0.000}** ({flaggedPii:N0}/{piiColumns:N0}), precision **{piiPrecision:0.000}** ({flaggedPii:N0}/{flagged:N0}). Exact category: {(double)exact / totalColumns:0.000} of all columns.");
report.AppendLine();
report.AppendLine("| category | labelled | predicted | correct | precision | recall |");
report.AppendLine("|---|---:|---:|---:|---:|---:|");
foreach (var category in categories)
{
    var labelled = Count((l, _) => l == category);
    var said = Count((_, p) => p == category);
    var right = Count((l, p) => l == category && p == category);
    report.AppendLine($"| {category} | {labelled:N0} | {said:N0} | {right:N0} | {(said == 0 ? "–" : ((double)right / said).ToString("0.000", CultureInfo.InvariantCulture))} | {(labelled == 0 ? "–" : ((double)right / labelled).ToString("0.000", CultureInfo.InvariantCulture))} |");
}

report.AppendLine();
report.AppendLine("Misclassified columns by kind (kind: predicted × count):");
report.AppendLine();
if (errorsByKind.Count == 0)
{
    report.AppendLine("- none");
}

foreach (var (kind, errors) in errorsByKind.OrderByDescending(e => e.Value.Values.Sum()))
{
    report.AppendLine($"- {kind}: {string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} × {e.Value}"))}");
}

var readMedian = Median(baselines);
var scanMedian = Median(candidates);
var ratio = PairedRatio.Of(baselines, candidates);
report.AppendLine();
report.AppendLine($"## Speed ({parallel} tables at once, {Environment.ProcessorCount} cores)");
report.AppendLine();
report.AppendLine("Baseline: reading the same samples through the same sampler (batches of 50 tables, each through one DuckDB session of the file: `SELECT * … LIMIT n`, values to text) without classifying them. " +
                  $"Candidate: the scanner (sample + classify every column). {pairs} interleaved pairs after a warm-up read.");
report.AppendLine();
report.AppendLine("| pair | read samples | scan | scan / read |");
report.AppendLine("|---:|---:|---:|---:|");
for (var i = 0; i < pairs; i++)
{
    report.AppendLine($"| {i + 1} | {baselines[i]:0.00} s | {candidates[i]:0.00} s | {candidates[i] / baselines[i]:0.00}× |");
}

report.AppendLine();
report.AppendLine($"Median: read {readMedian:0.00} s, scan {scanMedian:0.00} s ({tables * columns * (long)rows / scanMedian / 1e6:0.0} M values/s); classification adds {scanMedian - readMedian:0.00} s; paired ratio scan / read {ratio}.");

verdicts.Check("PII-column recall ≥ 0.95", piiRecall.ToString("0.000", CultureInfo.InvariantCulture), piiRecall >= 0.95);
verdicts.Check("PII-column precision ≥ 0.90", piiPrecision.ToString("0.000", CultureInfo.InvariantCulture), piiPrecision >= 0.90);
verdicts.Check($"scan of {tables:N0} tables × {columns} columns × {rows:N0} sampled rows < 60 s on {Environment.ProcessorCount} cores (median of {pairs})",
    $"{scanMedian:0.00} s (reading the samples alone: {readMedian:0.00} s)", scanMedian < 60);
await ResultsFile.WriteAsync("scanner.md", "PII scanner benchmark (accuracy and speed)",
    $"dotnet run -c Release --project bench/ScannerBench -- {BenchOptions.Describe(args)}".TrimEnd(), provenance, report.ToString(), verdicts, token);
Console.WriteLine(report);
Console.WriteLine(verdicts.Render());

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
