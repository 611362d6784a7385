using System.Diagnostics;
using System.Text;
using TownLake.Bench;
using TownLake.Catalog.Lineage;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Stores.Postgres;
using TownLake.Catalog.Stores.Sqlite;
using TownLake.TestSupport;

// Lineage traversal benchmark: one synthetic graph (datasets, ~3 upstreams each, a few hubs that many datasets read),
// stored in SQLite and in a throwaway PostgreSQL; depth-10 downstream walks from the busiest hub, measured with the
// store's recursive CTE and with the in-memory adjacency index (LineageIndex) the traversal API uses.
var provenance = RunProvenance.Capture("bench/LineageGraphBench", args);
var options = BenchOptions.Parse(args);
var edges = GraphGenerator.Generate(options.Datasets, options.UpstreamsPerDataset, options.Hubs, seed: 42);
var hub = GraphGenerator.Urn(0);
Console.WriteLine($"Graph: {options.Datasets:N0} datasets, {edges.Count:N0} edges, {options.Hubs} hubs; walking downstream from {hub}, depth {options.Depth}.");

var results = new List<StoreResult>();
var sqliteDirectory = Path.Combine(Path.GetTempPath(), "townlake-lineage-bench-" + Guid.NewGuid().ToString("N"));
try
{
    var sqlitePath = Path.Combine(sqliteDirectory, "catalog.db");
    var sqlite = new SqliteCatalogStore(sqlitePath, new CatalogChangeFeed(), TimeProvider.System);
    results.Add(await StoreRun.MeasureAsync("SQLite", sqlite, SqlRival.For("SQLite", $"Data Source={sqlitePath}"), edges, hub, options));
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(sqliteDirectory, recursive: true);
}

await using (var server = await PostgresServer.StartAsync())
{
    if (server is null)
    {
        Console.WriteLine("PostgreSQL unavailable: " + PostgresServer.UnavailableReason);
    }
    else
    {
        var connectionString = await server.CreateDatabaseAsync("lineagebench");
        var postgres = new PostgresCatalogStore(connectionString, new CatalogChangeFeed(), TimeProvider.System);
        results.Add(await StoreRun.MeasureAsync("PostgreSQL", postgres, SqlRival.For("PostgreSQL", connectionString), edges, hub, options));
    }
}

var verdicts = new Verdicts();
var report = Report.Write(options, edges.Count, results, verdicts);
Console.WriteLine(report);
if (options.Write)
{
    await ResultsFile.WriteAsync("lineage-traversal.md", "Lineage traversal: in-memory adjacency index vs SQL walks",
        "dotnet run -c Release --project bench/LineageGraphBench", provenance, report, verdicts);
}

/// <summary>Command-line settings of the benchmark.</summary>
internal sealed record BenchOptions(int Datasets, int UpstreamsPerDataset, int Hubs, int Depth, int Runs, int CteRuns, double CteBudgetSeconds, bool Write)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Value(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(Int("--datasets", 100_000), Int("--upstreams", 3), Int("--hubs", 20), Int("--depth", 10), Int("--runs", 200), Int("--cte-runs", 20),
            Value("--cte-budget-seconds") is { } b ? double.Parse(b, System.Globalization.CultureInfo.InvariantCulture) : 45, !args.Contains("--no-write"));
    }
}

/// <summary>A reproducible lineage graph: dataset i reads ~k earlier datasets; one read in five goes to a hub.</summary>
internal static class GraphGenerator
{
    public static string Urn(int i) => $"urn:tl:dataset:bench.s{i % 100}.t{i}";

    public static List<LineageEdge> Generate(int datasets, int upstreams, int hubs, int seed)
    {
        var random = new Random(seed);
        var edges = new List<LineageEdge>(datasets * upstreams);
        for (var i = 1; i < datasets; i++)
        {
            var chosen = new HashSet<int>();
            for (var k = 0; k < upstreams && chosen.Count < i; k++)
            {
                // Hubs (the first datasets) are read by many; other upstreams are recent datasets, which keeps chains deep.
                var upstream = random.NextDouble() < 0.2 ? random.Next(Math.Min(hubs, i)) : Math.Max(0, i - 1 - random.Next(Math.Min(i, 2_000)));
                if (chosen.Add(upstream))
                {
                    edges.Add(new LineageEdge { UpstreamUrn = Urn(upstream), DownstreamUrn = Urn(i), Origin = "bench" });
                }
            }
        }

        return edges;
    }
}

/// <summary>Latency samples of one approach on one store.</summary>
internal sealed record Measurement(string Approach, string Scenario, IReadOnlyList<double> Milliseconds, int Reached, bool Truncated)
{
    public double Percentile(double p)
    {
        var sorted = Milliseconds.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>What one store measured: load time, index build time, and the walks.</summary>
internal sealed record StoreResult(string Store, double LoadSeconds, double IndexBuildMs, IReadOnlyList<Measurement> Measurements);

/// <summary>Loads the graph into one store and measures both traversal approaches on it.</summary>
internal static class StoreRun
{
    public const string NaiveCte = "naive recursive CTE (one row per dataset and depth)";

    public static async Task<StoreResult> MeasureAsync(string name, RelationalCatalogStore store, IReadOnlyList<SqlRival> rivals, List<LineageEdge> edges, string hub, BenchOptions options)
    {
        await store.InitializeAsync(CancellationToken.None);
        var load = Stopwatch.StartNew();
        foreach (var chunk in edges.Chunk(20_000))
        {
            await store.UpsertLineageAsync(chunk, CancellationToken.None);
        }

        load.Stop();
        Console.WriteLine($"{name}: loaded {edges.Count:N0} edges in {load.Elapsed.TotalSeconds:F1} s");

        var index = new LineageIndex(store);
        var build = Stopwatch.StartNew();
        await index.GetAsync(CancellationToken.None);
        build.Stop();

        var measurements = new List<Measurement>();
        foreach (var (scenario, maxNodes) in new[] { ("all reached datasets", 1_000_000), ("API maximum cap, maxNodes 10000", 10_000), ("API default cap, maxNodes 1000", 1_000) })
        {
            // The in-memory path as the API runs it: a version check against the store, then the walk.
            measurements.Add(await TimeAsync("in-memory index", scenario, options.Runs, double.MaxValue, async () =>
            {
                var snapshot = await index.GetAsync(CancellationToken.None);
                return snapshot.Walk(hub, LineageDirection.Downstream, options.Depth, maxNodes);
            }));
            foreach (var rival in rivals)
            {
                measurements.Add(await TimeAsync(rival.Name, scenario, options.Runs, options.CteBudgetSeconds,
                    () => rival.WalkAsync(hub, options.Depth, maxNodes, CancellationToken.None)));
            }

            measurements.Add(await TimeAsync(NaiveCte, scenario, options.CteRuns, options.CteBudgetSeconds,
                () => store.WalkLineageAsync(hub, LineageDirection.Downstream, options.Depth, maxNodes, CancellationToken.None)));
            var reached = measurements.TakeLast(rivals.Count + 2).Select(m => m.Reached).Distinct().ToList();
            if (reached.Count != 1)
            {
                throw new InvalidOperationException($"{name} / {scenario}: the approaches reached different numbers of datasets ({string.Join(", ", reached)}).");
            }

            Console.WriteLine($"{name} / {scenario}: " + string.Join("; ", measurements.TakeLast(rivals.Count + 2).Select(m => $"{m.Approach} p50 {m.Percentile(50):F2} ms p99 {m.Percentile(99):F2} ms ({m.Milliseconds.Count} runs, {m.Reached:N0} reached)")));
        }

        return new StoreResult(name, load.Elapsed.TotalSeconds, build.Elapsed.TotalMilliseconds, measurements);
    }

    private static async Task<Measurement> TimeAsync(string approach, string scenario, int runs, double budgetSeconds, Func<Task<LineageWalk>> walk)
    {
        var warm = await walk();
        var samples = new List<double>();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < runs && (samples.Count < 5 || total.Elapsed.TotalSeconds < budgetSeconds); i++)
        {
            var watch = Stopwatch.StartNew();
            await walk();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        return new Measurement(approach, scenario, samples, warm.Depths.Count, warm.Truncated);
    }
}

/// <summary>Writes the Markdown report body; every target goes through the verdicts.</summary>
internal static class Report
{
    public static string Write(BenchOptions options, int edgeCount, List<StoreResult> results, Verdicts verdicts)
    {
        var text = new StringBuilder()
            .AppendLine($"Graph: {options.Datasets:N0} datasets, {edgeCount:N0} dataset edges (each dataset reads up to {options.UpstreamsPerDataset} earlier ones; one read in five goes to one of {options.Hubs} hubs). "
                + $"Walk: downstream from the busiest hub, depth {options.Depth}. Target: p99 < 50 ms for the API's walks (capped at 10,000 and 1,000 nodes) on both stores. "
                + "Rivals in the same run: two careful SQL walks (one query per hop with a visited set; the cap applied at every level) and the naive recursive CTE.")
            .AppendLine()
            .AppendLine("| store | scenario | approach | runs | reached | p50 ms | p95 ms | p99 ms | best SQL p99 / this p99 |")
            .AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            foreach (var group in result.Measurements.GroupBy(m => m.Scenario))
            {
                var bestSql = group.Where(m => m.Approach != "in-memory index").Min(m => m.Percentile(99));
                foreach (var m in group)
                {
                    text.AppendLine($"| {result.Store} | {m.Scenario} | {m.Approach} | {m.Milliseconds.Count} | {m.Reached:N0}{(m.Truncated ? " (capped)" : "")} | {m.Percentile(50):F2} | {m.Percentile(95):F2} | {m.Percentile(99):F2} | {bestSql / m.Percentile(99):F1}× |");
                }

                var index = group.First(m => m.Approach == "in-memory index");
                if (group.Key != "all reached datasets")
                {
                    verdicts.Check($"{result.Store}, {group.Key}: in-memory index p99 < 50 ms", $"{index.Percentile(99):F1} ms", index.Percentile(99) < 50);
                }

                verdicts.Check($"{result.Store}, {group.Key}: in-memory index p99 below the best SQL walk's", $"{index.Percentile(99):F1} vs {bestSql:F1} ms", index.Percentile(99) < bestSql);
            }
        }

        text.AppendLine()
            .AppendLine("| store | load edges (s) | build in-memory index (ms) |")
            .AppendLine("|---|---:|---:|");
        foreach (var result in results)
        {
            text.AppendLine($"| {result.Store} | {result.LoadSeconds:F1} | {result.IndexBuildMs:F0} |");
        }

        return text.ToString();
    }
}
