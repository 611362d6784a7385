using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Catalog.Datasets;
using TownLake.Catalog.Stores;
using TownLake.Catalog.Users;
using TownLake.TestSupport;

namespace TownLake.StoreBench;

/// <summary>The store ingestion benchmark (the Catalog's own <c>Program</c> is the host under test).</summary>
internal static class StoreBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        // Upserts N generated datasets (20 columns each) through the store and through GraphQL, on SQLite and on
        // PostgreSQL, and writes datasets/s to bench/results/store-ingest.md.
        //   dotnet run -c Release --project bench/StoreBench [-- --datasets 10000]
        var count = args.Length >= 2 && args[0] == "--datasets" ? int.Parse(args[1]) : 10_000;
        var root = FindRoot();
        var rows = new List<string>();
        var caller = new Caller("bench", ["admins"], true, true);

        await using var postgres = await PostgresServer.StartAsync();
        var stores = new List<(string Name, Func<Task<Dictionary<string, string?>>> Settings)>
        {
            ("SQLite", () => Task.FromResult(new Dictionary<string, string?> { ["TownLake:Store"] = "sqlite" })),
        };
        if (postgres is not null)
        {
            stores.Add(("PostgreSQL", async () => new Dictionary<string, string?>
            {
                ["TownLake:Store"] = "postgres",
                ["TownLake:PostgresConnectionString"] = await postgres.CreateDatabaseAsync("bench"),
            }));
        }

        foreach (var (name, settings) in stores)
        {
            // Through the store, as the ingestion path does: DatasetService.UpsertManyAsync in batches of 500.
            await using (var app = Host(await settings()))
            {
                var service = app.Services.GetRequiredService<DatasetService>();
                var clock = Stopwatch.StartNew();
                foreach (var batch in Generate(count, "store").Chunk(500))
                {
                    await service.UpsertManyAsync(batch, caller, CancellationToken.None);
                }

                rows.Add($"| {name} | store (DatasetService.UpsertManyAsync, batches of 500) | {count:N0} | {clock.Elapsed.TotalSeconds:F1} s | {count / clock.Elapsed.TotalSeconds:N0} |");
                Console.WriteLine(rows[^1]);

                // Through GraphQL: one upsertDataset mutation per HTTP request, 4 requests in flight.
                var client = app.CreateClient();
                var graphqlCount = Math.Min(count, 10_000);
                clock.Restart();
                await Parallel.ForEachAsync(Generate(graphqlCount, "graphql"), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (dataset, ct) =>
                {
                    using var response = await client.PostAsJsonAsync("/graphql", new
                    {
                        query = "mutation($input: DatasetInput!) { upsertDataset(input: $input) { urn } }",
                        variables = new { input = new { name = dataset.Name, platform = dataset.Platform, description = dataset.Description, columns = dataset.Columns!.Select(c => new { name = c.Name, type = c.Type, description = c.Description }) } },
                    }, ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    if (!response.IsSuccessStatusCode || body.Contains("\"errors\"", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException("upsert failed: " + body);
                    }
                });
                rows.Add($"| {name} | GraphQL (upsertDataset per request, 4 in flight) | {graphqlCount:N0} | {clock.Elapsed.TotalSeconds:F1} s | {graphqlCount / clock.Elapsed.TotalSeconds:N0} |");
                Console.WriteLine(rows[^1]);
            }
        }

        var report = new StringBuilder()
            .AppendLine("# Store ingestion benchmark")
            .AppendLine()
            .AppendLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSArchitecture}, {CpuModel()}, {RuntimeInformation.OSDescription}; .NET {Environment.Version}. Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.")
            .AppendLine()
            .AppendLine($"Load average at the end: {LoadAverage()} (other work on the machine slows every row alike; compare rows of one run).")
            .AppendLine()
            .AppendLine($"Each dataset has 20 columns; every write also updates the search index and the change history, as in the service. Command: `dotnet run -c Release --project bench/StoreBench -- --datasets {count}`.")
            .AppendLine(postgres is null ? "\nPostgreSQL: not measured (" + PostgresServer.UnavailableReason + ")." : "\nPostgreSQL: a throwaway local PostgreSQL 15 cluster (fsync off, as in the tests).")
            .AppendLine()
            .AppendLine("| store | path | datasets | time | datasets/s |")
            .AppendLine("|---|---|---:|---:|---:|");
        rows.ForEach(r => report.AppendLine(r));
        Directory.CreateDirectory(Path.Combine(root, "bench", "results"));
        await File.WriteAllTextAsync(Path.Combine(root, "bench", "results", "store-ingest.md"), report.ToString());
        Console.WriteLine(report);
        return 0;
    }

    private static WebApplicationFactory<Program> Host(Dictionary<string, string?> settings)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-bench-" + Guid.NewGuid().ToString("N"));
        settings["TownLake:DataDirectory"] = dataDirectory;
        settings["TownLake:DemoWarehouse"] = "false";
        return new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseContentRoot(Path.Combine(FindRoot(), "src", "Catalog"));
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
    }

    private static IEnumerable<DatasetUpsert> Generate(int count, string catalog)
    {
        string[] subjects = ["orders", "customers", "invoices", "sessions", "events", "payments", "shipments", "accounts", "zones", "products"];
        string[] columns = ["id", "created_at", "updated_at", "amount", "currency", "status", "country_code", "customer_id", "account_id", "email"];
        for (var i = 0; i < count; i++)
        {
            yield return new DatasetUpsert
            {
                Name = $"{catalog}.schema_{i % 50}.{subjects[i % subjects.Length]}_{i}",
                Platform = "postgres",
                Description = $"Generated {subjects[i % subjects.Length]} table number {i}",
                Columns = Enumerable.Range(0, 20).Select(c => new ColumnUpsert { Name = $"{columns[c % columns.Length]}_{c}", Type = c % 3 == 0 ? "BIGINT" : "VARCHAR", Description = $"column {c}" }).ToList(),
            };
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TownLake.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}
