using System.Diagnostics;
using System.Text;
using TownLake.Bench;
using TownLake.Search.Documents;
using TownLake.Search.Indexing;
using TownLake.Search.Retrieval;
using TownLake.SearchBench.Latency;

namespace TownLake.SearchBench.Scale;

/// <summary>Settings of the scale run.</summary>
internal sealed record ScaleSettings(IReadOnlyList<int> Sizes, int Queries, int Passes, int Seed);

/// <summary>
/// The <c>scale</c> subcommand: search latency in process on indexes of the reliability benchmark's scale catalog
/// (<see cref="ScaleCatalog"/>), with common-word handling off (every word optional: the disjunction scores every
/// document any word is in) and on (the shipped default), alternating on the same index, so the ratio is measured under
/// the same load; and how often both give the same first ten results.
/// </summary>
internal static class ScaleBenchmark
{
    private const int Warmup = 50;

    /// <summary>What <c>CatalogSearch</c> searches when a request names no type.</summary>
    private static readonly IReadOnlyList<string> DefaultTypes = [nameof(SearchEntityType.Dataset), nameof(SearchEntityType.GlossaryTerm), nameof(SearchEntityType.DocumentationPage)];

    public static async Task<int> RunAsync(ScaleSettings settings, RunProvenance? provenance, CancellationToken cancellationToken)
    {
        if (settings.Sizes.Count == 0 || settings.Sizes.Any(size => size < 1_000) || settings.Queries < 1 || settings.Passes < 1)
        {
            throw new ArgumentException("--datasets takes sizes of at least 1,000 (comma-separated); --queries and --passes must be positive.");
        }

        var defaults = new SearchIndexOptions();
        var verdicts = new Verdicts();
        var report = new StringBuilder()
            .AppendLine("Catalog: the scale scenario of bench/ReliabilityBench (`ScaleScenario.cs`) as its search index sees it — datasets `scale.l{layer}.{subject}_{n}` " +
                        "in 20 layers, 20 columns each named from ten (`id_0`, `created_at_1`, … `customer_id_7`, …) with the description \"column {c}\", and the dataset description " +
                        "\"Generated {subject} table number {i}\": \"table\", \"column\" and every column-name word are in every document, each subject word in a tenth.")
            .AppendLine()
            .AppendLine($"Queries: {settings.Queries:N0} of the scenario's kind (seed {settings.Seed}): every other one \"{{subject}} table {{n}}\", the others \"{{subject}} {{column}}\"; " +
                        $"each a full request as `CatalogSearch.SearchAsync` sends it (datasets, terms and pages; facets, snippets, join-aware rerank, top 10), one at a time after {Warmup} warm-up queries. " +
                        $"Each size runs {settings.Passes} passes of both modes in turn on the same on-disk index (reopened with the mode's options); the percentiles pool the passes.")
            .AppendLine()
            .AppendLine($"Modes: **exhaustive** — `CommonWordShare = 0`, every word an optional clause, as before; **common words** — the default (`CommonWordShare = {defaults.CommonWordShare}`, " +
                        $"`CommonWordMinDocs = {defaults.CommonWordMinDocs:N0}`): a word in at least that share of the index only ranks what the rarer words match, and a question of common words only needs them all.")
            .AppendLine();

        foreach (var requested in settings.Sizes)
        {
            var size = ScaleCatalog.Size(requested);
            await MeasureSizeAsync(size, settings, report, verdicts, cancellationToken);
        }

        var largest = ScaleCatalog.Size(settings.Sizes.Max());
        if (largest < 1_000_000)
        {
            verdicts.Check("search p99 < 50 ms in process at 1,000,000 datasets (common words on)", $"not measured (largest size {largest:N0})", false);
        }

        Console.Write(report);
        if (provenance is not null)
        {
            await ResultsFile.WriteAsync("search-scale.md", "Search: latency at scale with ubiquitous words",
                "dotnet run -c Release --project bench/SearchBench -- scale" + (settings.Sizes.SequenceEqual(ScaleDefaults) ? "" : " --datasets " + string.Join(',', settings.Sizes)),
                provenance, report.ToString(), verdicts, cancellationToken);
        }

        return 0;
    }

    /// <summary>The sizes run when none are given: the scenario's last run and its target.</summary>
    public static IReadOnlyList<int> ScaleDefaults { get; } = [200_000, 1_000_000];

    private static async Task MeasureSizeAsync(int size, ScaleSettings settings, StringBuilder report, Verdicts verdicts, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"townlake-search-scale-{Environment.ProcessId}-{size}");
        var queries = ScaleCatalog.Queries(settings.Queries + Warmup, size, settings.Seed);
        try
        {
            Console.WriteLine($"Building an index of {size:N0} datasets (load {RunProvenance.LoadAverage()})...");
            var build = Stopwatch.StartNew();
            await using (await SearchIndex.OpenAsync(new SearchIndexOptions { DirectoryPath = directory, CommonWordShare = 0 }, _ => ScaleCatalog.Generate(size), cancellationToken))
            {
            }

            build.Stop();
            var onDisk = new DirectoryInfo(directory).EnumerateFiles().Sum(file => file.Length);
            Console.WriteLine($"Built in {build.Elapsed.TotalSeconds:0.0} s ({onDisk / 1024.0 / 1024.0:0} MB).");

            var exhaustive = new Mode("exhaustive", new SearchIndexOptions { DirectoryPath = directory, CommonWordShare = 0 });
            var common = new Mode("common words", new SearchIndexOptions { DirectoryPath = directory });
            var loads = new List<string>();
            for (var pass = 0; pass < settings.Passes; pass++)
            {
                foreach (var mode in new[] { exhaustive, common })
                {
                    loads.Add(RunProvenance.LoadAverage());
                    await mode.RunAsync(queries, cancellationToken);
                    Console.WriteLine($"{size:N0} datasets, pass {pass + 1}, {mode.Name}: p50 / p95 / p99 {Percentiles.Of(mode.LastPass).Row}, CPU per query {mode.CpuPerQuery:0.00} ms (load {loads[^1]})");
                }
            }

            var measured = queries.Count - Warmup;
            var sameFirst = Enumerable.Range(0, measured).Count(i => SameFirst(exhaustive.TopTen[i], common.TopTen[i]));
            var prefix = Enumerable.Range(0, measured).Count(i => RanksAsExhaustive(exhaustive.TopTen[i], common.TopTen[i]));
            var before = Percentiles.Of(exhaustive.All);
            var after = Percentiles.Of(common.All);
            report.AppendLine($"## {size:N0} datasets")
                .AppendLine()
                .AppendLine($"Index of {size:N0} datasets and {size * 20L:N0} columns built by `SearchIndex.OpenAsync` on an empty directory in {build.Elapsed.TotalSeconds:0.0} s " +
                            $"({size / build.Elapsed.TotalSeconds:N0} datasets/s), {onDisk / 1024.0 / 1024.0:0} MB on disk. Load average (1/5/15 min) before each measured pass: {string.Join("; ", loads)}.")
                .AppendLine()
                .AppendLine("| Mode | p50 | p95 | p99 | mean / max | CPU per query | mean total hits |")
                .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (mode, timings) in new[] { (exhaustive, before), (common, after) })
            {
                report.AppendLine($"| {mode.Name} | {timings.P50:0.0} ms | {timings.P95:0.0} ms | **{timings.P99:0.0} ms** | {timings.Mean:0.0} / {timings.Max:0.0} ms | {mode.CpuPerQuery:0.00} ms | {mode.MeanTotal(null):N0} |");
            }

            report.AppendLine()
                .AppendLine("| Query kind | Mode | p50 | p99 | mean total hits |")
                .AppendLine("|---|---|---:|---:|---:|");
            for (var kind = 0; kind < Kinds.Length; kind++)
            {
                foreach (var mode in new[] { exhaustive, common })
                {
                    var timings = Percentiles.Of(mode.OfKind(kind));
                    report.AppendLine($"| {Kinds[kind]} | {mode.Name} | {timings.P50:0.0} ms | {timings.P99:0.0} ms | {mode.MeanTotal(kind):N0} |");
                }
            }

            report.AppendLine()
                .AppendLine($"Common words against exhaustive, same run: p50 × {after.P50 / before.P50:0.00}, p99 × {after.P99 / before.P99:0.00}. " +
                            $"Ranking, of {measured} queries: the first result scores as the exhaustive first result on {sameFirst}; on {prefix} every result of the first ten " +
                            "scores as the exhaustive result of the same rank (equal scores are interchangeable: thousands of these tables tie), so the common words only dropped " +
                            "results below every kept one (a question answered by fewer than ten results counts when those are the exhaustive first ones).")
                .AppendLine();
            if (size >= 1_000_000)
            {
                verdicts.Check($"search p99 < 50 ms in process at {size:N0} datasets (common words on)", $"{after.P99:0.0} ms (exhaustive {before.P99:0.0} ms in the same run)", after.P99 < 50);
            }
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static readonly string[] Kinds = ["\"{subject} table {n}\"", "\"{subject} {column}\""];

    private static bool SameFirst(IReadOnlyList<(string Urn, float Score)> exhaustive, IReadOnlyList<(string Urn, float Score)> common) =>
        exhaustive.Count == 0 ? common.Count == 0 : common.Count > 0 && Same(exhaustive[0].Score, common[0].Score);

    private static bool RanksAsExhaustive(IReadOnlyList<(string Urn, float Score)> exhaustive, IReadOnlyList<(string Urn, float Score)> common) =>
        common.Count <= exhaustive.Count && common.Select((hit, rank) => Same(exhaustive[rank].Score, hit.Score)).All(same => same);

    /// <summary>Equal up to float rounding: the two queries add the same clause scores in another order.</summary>
    private static bool Same(float left, float right) => Math.Abs(left - right) <= 1e-4 * Math.Max(Math.Abs(left), Math.Abs(right));

    /// <summary>One way of searching the index, with its timings and first ten results per query over every pass.</summary>
    private sealed class Mode(string name, SearchIndexOptions options)
    {
        private readonly List<(int Kind, long Total)> _totals = [];
        private readonly List<(int Kind, double Milliseconds)> _timings = [];
        private TimeSpan _cpu;
        private int _queries;

        public string Name => name;

        public List<double> All { get; } = [];

        public List<double> LastPass { get; private set; } = [];

        /// <summary>First ten results per measured query, from the first pass.</summary>
        public List<(string Urn, float Score)[]> TopTen { get; } = [];

        public double CpuPerQuery => _queries == 0 ? 0 : _cpu.TotalMilliseconds / _queries;

        public double MeanTotal(int? kind) => _totals.Where(total => kind is null || total.Kind == kind).Select(total => (double)total.Total).DefaultIfEmpty(0).Average();

        public IEnumerable<double> OfKind(int kind) => _timings.Where(timing => timing.Kind == kind).Select(timing => timing.Milliseconds);

        public async Task RunAsync(IReadOnlyList<string> queries, CancellationToken cancellationToken)
        {
            await using var index = await SearchIndex.OpenAsync(options, _ => throw new InvalidOperationException("The index was built before; opening it must not rebuild it."), cancellationToken);
            var firstPass = TopTen.Count == 0;
            LastPass = [];
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            for (var i = 0; i < queries.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var results = index.Search(new SearchRequest { Query = queries[i], EntityTypes = DefaultTypes }, cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (i < Warmup)
                {
                    continue;
                }

                LastPass.Add(elapsed);
                _timings.Add((i % 2, elapsed));
                _totals.Add((i % 2, results.TotalCount));
                if (firstPass)
                {
                    TopTen.Add(results.Hits.Select(hit => (hit.Urn, hit.Score)).ToArray());
                }
            }

            _cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            _queries += queries.Count;
            All.AddRange(LastPass);
        }
    }
}
