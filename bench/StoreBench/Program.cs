using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TownLake.Bench;
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
        var provenance = RunProvenance.Capture("bench/StoreBench", args);
        var count = args.Length >= 2 && args[0] == "--datasets" ? int.Parse(args[1]) : 10_000;
        var rows = new List<string>();
        var caller = new Caller("bench", ["admins"], true, true);

        await using var postgres = await PostgresServer.StartAsync();
        string? postgresVersion = null;
        var stores = new List<(string Name, Func<Task<Dictionary<string, string?>>> Settings)>
        {
            ("SQLite", () => Task.FromResult(new Dictionary<string, string?> { ["TownLake:Store"] = "sqlite" })),
        };
        if (postgres is not null)
        {
            stores.Add(("PostgreSQL", async () =>
            {
                var connectionString = await postgres.CreateDatabaseAsync("bench");
                // The version is read from the server measured, not assumed.
                await using var connection = new Npgsql.NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                postgresVersion = connection.PostgreSqlVersion.ToString();
                return new Dictionary<string, string?> { ["TownLake:Store"] = "postgres", ["TownLake:PostgresConnectionString"] = connectionString };
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
            .AppendLine("Each dataset has 20 columns; every write also updates the search index and the change history, as in the service.")
            .AppendLine(postgres is null ? "\nPostgreSQL: not measured (" + PostgresServer.UnavailableReason + ")." : $"\nPostgreSQL: a throwaway local cluster, server version {postgresVersion} (fsync off, as in the tests).")
            .AppendLine()
            .AppendLine("| store | path | datasets | time | datasets/s |")
            .AppendLine("|---|---|---:|---:|---:|");
        rows.ForEach(r => report.AppendLine(r));
        Console.WriteLine(report);
        await ResultsFile.WriteAsync("store-ingest.md", "Store ingestion benchmark", $"dotnet run -c Release --project bench/StoreBench -- --datasets {count}",
            provenance, report.ToString(), new Verdicts());
        return 0;
    }

    private static WebApplicationFactory<Program> Host(Dictionary<string, string?> settings)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "townlake-bench-" + Guid.NewGuid().ToString("N"));
        settings["TownLake:DataDirectory"] = dataDirectory;
        settings["TownLake:DemoWarehouse"] = "false";
        return new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseContentRoot(Path.Combine(RunProvenance.RepositoryRoot(), "src", "Catalog"));
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
}
