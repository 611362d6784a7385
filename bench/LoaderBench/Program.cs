using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Stores;
using TownLake.Bench;
using TownLake.TestSupport;

namespace TownLake.LoaderBench;

/// <summary>
/// The GraphQL DataLoader benchmark: a page of datasets asking for usage, lineage counts, owners and terms, through the
/// real <c>/graphql</c> endpoint in process, on SQLite and PostgreSQL, at several page sizes. Reports the store round
/// trips (calls through the store interface, counted by a recording proxy) and latency per request, and whether the
/// round trips stay constant as the page grows.
/// </summary>
internal static class LoaderBenchmark
{
    public const string Query = "query($first: Int!) { datasets(first: $first) { nodes { usage { queryCount } upstreamCount downstreamCount owners { name } glossaryTerms { name } } } }";

    private static readonly int[] PageSizes = [10, 50, 100];

    public static async Task<int> Main(string[] args)
    {
        // dotnet run -c Release --project bench/LoaderBench [-- --datasets 500 --runs 20 --before before.json --save-json this.json --no-report]
        //   --save-json writes this run's figures as JSON; --before adds an earlier run's JSON (e.g. built from the base
        //   commit) to the report as the "before" figures; --no-report leaves bench/results/graphql-loaders.md alone.
        var provenance = args.Contains("--no-report") ? null : RunProvenance.Capture("bench/LoaderBench", args);
        var datasets = Option(args, "--datasets", 500);
        var runs = Option(args, "--runs", 20);
        var started = Stopwatch.StartNew();
        var rows = new List<BenchRow>();
        var notes = new List<string>();

        await using var postgres = await PostgresServer.StartAsync();
        var stores = new List<(string Name, Func<Task<Dictionary<string, string?>>> Settings)>
        {
            ("SQLite", () => Task.FromResult(new Dictionary<string, string?> { ["TownLake:Store"] = "sqlite" })),
        };
        if (postgres is null)
        {
            notes.Add("PostgreSQL: not measured (" + PostgresServer.UnavailableReason + ").");
        }
        else
        {
            stores.Add(("PostgreSQL", async () => new Dictionary<string, string?>
            {
                ["TownLake:Store"] = "postgres",
                ["TownLake:PostgresConnectionString"] = await postgres.CreateDatabaseAsync("loaderbench"),
            }));
        }

        foreach (var (name, settings) in stores)
        {
            var recorder = new CallRecorder();
            var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-loaderbench-" + Guid.NewGuid().ToString("N"));
            await using var app = Host(await settings(), dataDirectory, recorder);
            // Requests run in the caller's async flow, so a call log opened around one request sees exactly its store
            // calls (clients copy the setting when created).
            app.Server.PreserveExecutionContext = true;
            using var client = app.CreateClient();
            var seeding = Stopwatch.StartNew();
            await BenchCatalog.SeedAsync(app.Services.GetRequiredService<RelationalCatalogStore>(), datasets, CancellationToken.None);
            Console.WriteLine($"{name}: seeded {datasets} datasets in {seeding.Elapsed.TotalSeconds:F1} s");
            foreach (var first in PageSizes)
            {
                rows.Add(await MeasureAsync(name, client, recorder, first, runs));
                Console.WriteLine(rows[^1]);
            }

            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }

        var measurement = new Measurement(provenance?.Commit ?? "trial run", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm") + " UTC", provenance?.Machine ?? "", RunProvenance.LoadAverage(),
            datasets, runs, (int)started.Elapsed.TotalSeconds, rows, notes);
        if (Text(args, "--save-json") is { } jsonPath)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(measurement, new JsonSerializerOptions { WriteIndented = true }));
        }

        // The "before" figures: the same program built against the commit before the loaders (kept beside the program).
        var beforePath = Text(args, "--before") ?? Path.Combine(RunProvenance.RepositoryRoot(), "bench", "LoaderBench", "baseline-00b56e0.json");
        var before = File.Exists(beforePath) ? JsonSerializer.Deserialize<Measurement>(await File.ReadAllTextAsync(beforePath)) : null;
        var verdicts = new Verdicts();
        var report = LoaderReport.Render(measurement, before, verdicts);
        Console.WriteLine(report);
        if (provenance is not null)
        {
            await ResultsFile.WriteAsync("graphql-loaders.md", "GraphQL DataLoaders: store round trips per page",
                "dotnet run -c Release --project bench/LoaderBench", provenance, report, verdicts);
        }

        return 0;
    }

    private static async Task<BenchRow> MeasureAsync(string store, HttpClient client, CallRecorder recorder, int first, int runs)
    {
        const int warmUp = 3;
        var latencies = new List<double>();
        var calls = new List<int>();
        var summary = "";
        for (var run = 0; run < warmUp + runs; run++)
        {
            using var log = recorder.Begin();
            var clock = Stopwatch.StartNew();
            using var response = await client.PostAsJsonAsync("/graphql", new { query = Query, variables = new { first } });
            var body = await response.Content.ReadAsStringAsync();
            clock.Stop();
            var nodes = JsonNode.Parse(body)?["data"]?["datasets"]?["nodes"]?.AsArray();
            if (!response.IsSuccessStatusCode || body.Contains("\"errors\"", StringComparison.Ordinal) || nodes?.Count != first)
            {
                throw new InvalidOperationException($"The page query failed on {store} (first: {first}): {body[..Math.Min(body.Length, 2000)]}");
            }

            if (log.Count == 0)
            {
                throw new InvalidOperationException("The recording proxy saw no store call for a request: the count would mean nothing.");
            }

            if (run >= warmUp)
            {
                latencies.Add(clock.Elapsed.TotalMilliseconds);
                calls.Add(log.Count);
                summary = log.Summary();
            }
        }

        latencies.Sort();
        return new BenchRow(store, first, calls.Min(), calls.Max(), Percentile(latencies, 0.50), Percentile(latencies, 0.95), summary);
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];

    private static WebApplicationFactory<Program> Host(Dictionary<string, string?> settings, string dataDirectory, CallRecorder recorder)
    {
        settings["TownLake:DataDirectory"] = dataDirectory;
        settings["TownLake:DemoWarehouse"] = "false";
        settings["Logging:LogLevel:Default"] = "Warning";
        return new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseContentRoot(Path.Combine(RunProvenance.RepositoryRoot(), "src", "Catalog"));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services =>
            {
                CountingProxy.WrapInterfacesOf(services, typeof(RelationalCatalogStore), recorder);
            });
        });
    }

    private static int Option(string[] args, string name, int fallback) => Text(args, name) is { } text ? int.Parse(text) : fallback;

    private static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
