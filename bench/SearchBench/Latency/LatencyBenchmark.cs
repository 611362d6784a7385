using System.Diagnostics;
using System.Text;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Querying;

namespace TownLake.SearchBench.Latency;

/// <summary>Settings of the latency run.</summary>
internal sealed record LatencySettings(int Datasets, int ColumnsPerDataset, int Queries, int Seed);

/// <summary>
/// The <c>latency</c> subcommand: builds an on-disk index of a generated catalog, then times in-process
/// searches one at a time and reports percentiles and memory.
/// </summary>
internal static class LatencyBenchmark
{
    private const int WarmupQueries = 300;

    public static async Task<int> RunAsync(LatencySettings settings, string? outputFile, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Generating {settings.Datasets:N0} datasets × {settings.ColumnsPerDataset} columns (seed {settings.Seed})...");
        var documents = new CatalogGenerator(settings.Seed).Generate(settings.Datasets, settings.ColumnsPerDataset).ToList();
        var columns = documents.Sum(document => document.Columns.Count);
        var loadBefore = MachineInfo.LoadAverage();
        var directory = Path.Combine(Path.GetTempPath(), $"townlake-search-bench-{Environment.ProcessId}");
        try
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var build = Stopwatch.StartNew();
            await using var index = await SearchIndex.OpenAsync(
                new SearchIndexOptions { DirectoryPath = directory },
                _ => documents.ToAsyncEnumerable(),
                cancellationToken);
            build.Stop();
            var buildCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var rate = settings.Datasets / build.Elapsed.TotalSeconds;

            // What the build would take with both cores to itself: its CPU time spread over the cores.
            var unsharedRate = settings.Datasets / (buildCpu.TotalSeconds / Environment.ProcessorCount);
            Console.WriteLine($"Built index ({index.OpenOutcome}) in {build.Elapsed.TotalSeconds:0.00} s: {rate:N0} datasets/s");
            var onDisk = new DirectoryInfo(directory).EnumerateFiles().Sum(file => file.Length);

            documents = null;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            var queries = new QueryGenerator(settings.Seed + 1).Generate(settings.Queries + WarmupQueries);
            var full = Measure(index, queries, request => request, cancellationToken);
            var lean = Measure(index, queries, request => request with { IncludeFacets = false, Explain = false }, cancellationToken);

            var gcHeap = GC.GetGCMemoryInfo().HeapSizeBytes;
            var workingSet = Environment.WorkingSet;
            var report = new StringBuilder()
                .AppendLine("# Search: index build and in-process latency")
                .AppendLine()
                .AppendLine($"Machine: {MachineInfo.Describe()}. Load average (1/5/15 min) before: {loadBefore}, after: {MachineInfo.LoadAverage()} — the 2 cores are shared with other builds, so a load above ~2 inflates every number here.")
                .AppendLine()
                .AppendLine($"Catalog: {settings.Datasets:N0} generated datasets, {columns:N0} columns (seed {settings.Seed}; dbt-style names, abbreviations, camelCase, 40% with descriptions, tags, owners, signals). On-disk index (FSDirectory).")
                .AppendLine()
                .AppendLine("| Measure | Value | Target |")
                .AppendLine("|---|---|---|")
                .AppendLine($"| Index build (open on empty directory → committed) | {build.Elapsed.TotalSeconds:0.00} s = **{rate:N0} datasets/s** | ≥ 20,000/s |")
                .AppendLine($"| Index build CPU time (all threads) | {buildCpu.TotalSeconds:0.00} s → {unsharedRate:N0} datasets/s if the {Environment.ProcessorCount} cores were not shared | |")
                .AppendLine($"| Index size on disk | {onDisk / 1024.0 / 1024.0:0} MB | |")
                .AppendLine($"| Search p50 / p95 / p99, full request (facets + snippets, top 10) | {full.P50:0.00} / {full.P95:0.00} / **{full.P99:0.00}** ms | p99 < 20 ms |")
                .AppendLine($"| Search p50 / p95 / p99, ranking only (no facets, no snippets) | {lean.P50:0.00} / {lean.P95:0.00} / {lean.P99:0.00} ms | |")
                .AppendLine($"| Mean / max, full request | {full.Mean:0.00} / {full.Max:0.00} ms | |")
                .AppendLine($"| GC heap after build and queries | {gcHeap / 1024.0 / 1024.0:0} MB | |")
                .AppendLine($"| Working set | {workingSet / 1024.0 / 1024.0:0} MB | |")
                .AppendLine()
                .AppendLine($"{settings.Queries:N0} queries, one at a time after {WarmupQueries} warm-up queries: one fifth each of single words, entity + measure, plain-English questions, table names and misspelt words (fuzzy fallback).")
                .AppendLine()
                .AppendLine($"Command: `dotnet run -c Release --project bench/SearchBench -- latency` (from the repository root).");
            Console.Write(report);
            if (outputFile is not null)
            {
                await File.WriteAllTextAsync(outputFile, report.ToString(), cancellationToken);
                Console.WriteLine($"Wrote {outputFile}");
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return 0;
    }

    private static Percentiles Measure(SearchIndex index, IReadOnlyList<string> queries, Func<SearchRequest, SearchRequest> shape, CancellationToken cancellationToken)
    {
        var timings = new List<double>(queries.Count);
        for (var i = 0; i < queries.Count; i++)
        {
            var request = shape(new SearchRequest { Query = queries[i], Limit = 10 });
            var timer = Stopwatch.StartNew();
            index.Search(request, cancellationToken);
            timer.Stop();
            if (i >= WarmupQueries)
            {
                timings.Add(timer.Elapsed.TotalMilliseconds);
            }
        }

        timings.Sort();
        return new Percentiles(At(timings, 0.50), At(timings, 0.95), At(timings, 0.99), timings.Average(), timings[^1]);
    }

    private static double At(List<double> sorted, double quantile) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];

    private sealed record Percentiles(double P50, double P95, double P99, double Mean, double Max);
}
