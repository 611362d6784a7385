using System.Diagnostics;
using System.Text;
using TownLake.Bench;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;

namespace TownLake.SearchBench.Latency;

/// <summary>Settings of the latency run.</summary>
internal sealed record LatencySettings(int Datasets, int ColumnsPerDataset, int Queries, int Seed, string Via, int Passes = 3);

/// <summary>
/// The <c>latency</c> subcommand: builds an on-disk index of a generated catalog and times in-process searches one at a
/// time; then loads the same catalog into the real service and times the GraphQL <c>search</c> request over HTTP.
/// </summary>
internal static class LatencyBenchmark
{
    internal const int WarmupQueries = 300;
    private static readonly string[] Modes = ["all", "library", "http"];

    public static async Task<int> RunAsync(LatencySettings settings, RunProvenance? provenance, CancellationToken cancellationToken)
    {
        if (!Modes.Contains(settings.Via))
        {
            throw new ArgumentException($"--via must be one of {string.Join(", ", Modes)}; got '{settings.Via}'.");
        }

        var queries = new QueryGenerator(settings.Seed + 1).Generate(settings.Queries + WarmupQueries);
        var verdicts = new Verdicts();
        var report = new StringBuilder()
            .AppendLine($"Catalog: {settings.Datasets:N0} generated datasets × {settings.ColumnsPerDataset} columns (seed {settings.Seed}; dbt-style names, abbreviations, camelCase, 40% with descriptions, tags, owners, signals).")
            .AppendLine()
            .AppendLine($"Queries: {settings.Queries:N0}, one at a time after {WarmupQueries} warm-up queries: one fifth each of {string.Join(", ", QueryGenerator.Kinds)}. " +
                        $"In process they run in {settings.Passes} passes (full request and ranking only alternating); the percentiles pool the passes.")
            .AppendLine();

        if (settings.Via is "all" or "library")
        {
            await LibraryAsync(settings, queries, report, verdicts, cancellationToken);
        }

        if (settings.Via is "all" or "http")
        {
            var generated = new CatalogGenerator(settings.Seed).Generate(settings.Datasets, settings.ColumnsPerDataset);
            var service = await ServiceLatency.RunAsync(generated, queries, WarmupQueries, cancellationToken);
            report.AppendLine("## Through the service: GraphQL `search` over HTTP")
                .AppendLine()
                .AppendLine("The real service in process (Kestrel on a loopback port, SQLite store and its on-disk index in a temporary directory). The catalog is written to the store with " +
                            "`DatasetService.UpsertManyAsync` in batches of 500 (GraphQL mutations would take an hour at this size); the service's index follows the store's change feed. " +
                            "Each query is one POST /graphql asking for what the search page shows: total, cursor, facets, and per hit score, matched fields, highlights, related URNs and the entity (loaded from the store).")
                .AppendLine()
                .AppendLine("| Measure | Value | Target |")
                .AppendLine("|---|---|---|")
                .AppendLine($"| Store load ({service.Datasets:N0} datasets) | {service.StoreLoad.TotalSeconds:0.0} s = {service.Datasets / service.StoreLoad.TotalSeconds:N0} datasets/s | |")
                .AppendLine($"| Index caught up with the store after the last write | {service.IndexCatchUp.TotalSeconds:0.0} s | |")
                .AppendLine($"| Index segments when caught up → when searched (idle merge) | {service.SegmentsAfterLoad} → {service.SegmentsWhenSearched}, {service.IdleMerge.TotalSeconds:0.0} s after catching up | |")
                .AppendLine($"| HTTP search p50 / p95 / p99 (GraphQL search page) | {service.Search.All.Row} | |")
                .AppendLine($"| Mean / max | {service.Search.All.Mean:0.00} / {service.Search.All.Max:0.00} ms | |")
                .AppendLine($"| Same queries on the service's index in process (`CatalogSearch.SearchAsync`, full request: facets + snippets), p50 / p95 / p99 | {service.IndexOnly.All.Row} | |");
            AppendKinds(report, service.Search);
        }

        Console.Write(report);
        if (provenance is not null)
        {
            await ResultsFile.WriteAsync("search-latency.md", "Search: index build and latency (in process and over HTTP)",
                $"dotnet run -c Release --project bench/SearchBench -- latency{(settings.Via == "all" ? "" : " --via " + settings.Via)}", provenance, report.ToString(), verdicts, cancellationToken);
        }

        return 0;
    }

    private static async Task LibraryAsync(LatencySettings settings, IReadOnlyList<string> queries, StringBuilder report, Verdicts verdicts, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Generating {settings.Datasets:N0} datasets × {settings.ColumnsPerDataset} columns (seed {settings.Seed})...");
        List<SearchDocument>? documents = new CatalogGenerator(settings.Seed).Generate(settings.Datasets, settings.ColumnsPerDataset).ToList();
        var columns = documents.Sum(document => document.Columns.Count);
        var directory = Path.Combine(Path.GetTempPath(), $"townlake-search-bench-{Environment.ProcessId}");
        try
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var pausedBefore = GC.GetTotalPauseDuration();
            var collectionsBefore = GC.CollectionCount(0);
            var build = Stopwatch.StartNew();
            await using var index = await SearchIndex.OpenAsync(
                new SearchIndexOptions { DirectoryPath = directory },
                _ => documents.ToAsyncEnumerable(),
                cancellationToken);
            build.Stop();
            var buildCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var buildAllocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            var buildPaused = GC.GetTotalPauseDuration() - pausedBefore;
            var buildCollections = GC.CollectionCount(0) - collectionsBefore;
            var rate = settings.Datasets / build.Elapsed.TotalSeconds;

            // What the build would take with both cores to itself: its CPU time spread over the cores.
            var unsharedRate = settings.Datasets / (buildCpu.TotalSeconds / Environment.ProcessorCount);
            Console.WriteLine($"Built index ({index.OpenOutcome}) in {build.Elapsed.TotalSeconds:0.00} s: {rate:N0} datasets/s; CPU {buildCpu.TotalSeconds:0.00} s, " +
                              $"allocated {buildAllocated / 1e9:0.00} GB, {buildCollections} collections, GC pauses {buildPaused.TotalSeconds:0.00} s");
            var onDisk = new DirectoryInfo(directory).EnumerateFiles().Sum(file => file.Length);

            documents = null;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            // Several passes, full and ranking-only alternating: a burst of load from the other tenants of the machine then
            // spoils one pass, which the per-pass p99s show, instead of one whole measure.
            var fullPasses = new List<Timings>();
            var leanPasses = new List<Timings>();
            for (var pass = 0; pass < settings.Passes; pass++)
            {
                fullPasses.Add(Measure(index, queries, request => request, cancellationToken));
                leanPasses.Add(Measure(index, queries, request => request with { IncludeFacets = false, Explain = false }, cancellationToken));
                Console.WriteLine($"In process, pass {pass + 1}: full {fullPasses[^1].All.Row}, ranking only {leanPasses[^1].All.Row}; CPU per query {fullPasses[^1].CpuMillisecondsPerQuery:0.00} / {leanPasses[^1].CpuMillisecondsPerQuery:0.00} ms (load {RunProvenance.LoadAverage()})");
            }

            var full = Timings.Merge(fullPasses);
            var lean = Timings.Merge(leanPasses);

            var gcHeap = GC.GetGCMemoryInfo().HeapSizeBytes;
            var workingSet = Environment.WorkingSet;
            report.AppendLine("## In process: the search library")
                .AppendLine()
                .AppendLine($"On-disk index (NIOFSDirectory) of {settings.Datasets:N0} datasets and {columns:N0} columns, built by `SearchIndex.OpenAsync` on an empty directory.")
                .AppendLine()
                .AppendLine("| Measure | Value | Target |")
                .AppendLine("|---|---|---|")
                .AppendLine($"| Index build (open on empty directory → committed) | {build.Elapsed.TotalSeconds:0.00} s = **{rate:N0} datasets/s** | ≥ 20,000/s (see Targets) |")
                .AppendLine($"| Index build CPU time (all threads) | {buildCpu.TotalSeconds:0.00} s → {unsharedRate:N0} datasets/s if the {Environment.ProcessorCount} cores were not shared | |")
                .AppendLine($"| Index build allocations and garbage collection | {buildAllocated / 1e9:0.00} GB allocated, {buildCollections} collections, {buildPaused.TotalSeconds:0.00} s paused | |")
                .AppendLine($"| Index size on disk | {onDisk / 1024.0 / 1024.0:0} MB | |")
                .AppendLine($"| Search p50 / p95 / p99, full request (facets + snippets, top 10), all passes | {full.All.Row} | p99 < 20 ms (see Targets) |")
                .AppendLine($"| p99 of each pass, full request | {string.Join(" / ", fullPasses.Select(pass => pass.All.P99.ToString("0.00")))} ms | |")
                .AppendLine($"| Search p50 / p95 / p99, ranking only (no facets, no snippets), all passes | {lean.All.Row} | |")
                .AppendLine($"| p99 of each pass, ranking only | {string.Join(" / ", leanPasses.Select(pass => pass.All.P99.ToString("0.00")))} ms | |")
                .AppendLine($"| Mean / max, full request | {full.All.Mean:0.00} / {full.All.Max:0.00} ms | |")
                .AppendLine($"| Process CPU time per query, full / ranking only (all threads; less sensitive to the shared cores than wall time) | {full.CpuMillisecondsPerQuery:0.00} / {lean.CpuMillisecondsPerQuery:0.00} ms | |")
                .AppendLine($"| GC heap after build and queries | {gcHeap / 1024.0 / 1024.0:0} MB | |")
                .AppendLine($"| Working set | {workingSet / 1024.0 / 1024.0:0} MB | |");
            AppendKinds(report, full);
            report.AppendLine();
            verdicts.Check("index build ≥ 20,000 datasets/s", $"{rate:N0} datasets/s", rate >= 20_000)
                .Check("in-process search p99 < 20 ms (full request)", $"{full.All.P99:0.00} ms", full.All.P99 < 20);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static void AppendKinds(StringBuilder report, Timings timings)
    {
        report.AppendLine()
            .AppendLine("| Query kind | p50 / p95 / p99 |")
            .AppendLine("|---|---|");
        for (var kind = 0; kind < QueryGenerator.Kinds.Length; kind++)
        {
            report.AppendLine($"| {QueryGenerator.Kinds[kind]} | {timings.OfKind(kind).Row} |");
        }
    }

    /// <summary>Runs the queries one at a time; the first <see cref="WarmupQueries"/> are not timed.</summary>
    internal static Timings Measure(SearchIndex index, IReadOnlyList<string> queries, Func<SearchRequest, SearchRequest> shape, CancellationToken cancellationToken)
    {
        var timings = new Timings();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < queries.Count; i++)
        {
            var request = shape(new SearchRequest { Query = queries[i], Limit = 10 });
            var timer = Stopwatch.StartNew();
            index.Search(request, cancellationToken);
            timer.Stop();
            if (i >= WarmupQueries)
            {
                timings.Add(i % QueryGenerator.Kinds.Length, timer.Elapsed.TotalMilliseconds);
            }
        }

        timings.CpuMillisecondsPerQuery = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / queries.Count;
        return timings;
    }
}
