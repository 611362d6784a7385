using System.Text;
using TownLake.Bench;
using TownLake.TestSupport;

namespace TownLake.ReliabilityBench;

/// <summary>
/// The fault-and-load harness of issue 15, against the real service process (TownLake.Catalog.dll) on both stores:
/// kill -9 during writes, PostgreSQL stopped under load, two replicas, sustained mixed load, and a large catalog.
/// Writes bench/results/reliability.md. Sizes are parameters (<see cref="BenchSize"/>); the file says what ran.
/// </summary>
internal static class ReliabilityBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        //   dotnet run -c Release --no-build --project bench/ReliabilityBench [-- --datasets 1000000 --edges 1000000 --load-seconds 60 ...]
        var provenance = RunProvenance.Capture("bench/ReliabilityBench", args);
        var size = BenchSize.Parse(args);
        await using var postgres = await PostgresServer.StartAsync();
        var stores = new List<(string Name, Func<Task<Dictionary<string, string>>> Settings)> { ("SQLite", () => Task.FromResult(new Dictionary<string, string>())) };
        if (postgres is not null)
        {
            stores.Add(("PostgreSQL", async () => new Dictionary<string, string> { ["TownLake:Store"] = "postgres", ["TownLake:PostgresConnectionString"] = await postgres.CreateDatabaseAsync("relbench") }));
        }

        var report = new StringBuilder()
            .AppendLine($"Sizes: `{size.CommandLine}`. Every scenario drives real service processes (`TownLake.Catalog.dll`) over HTTP; "
                + (postgres is null ? "PostgreSQL: not available (" + PostgresServer.UnavailableReason + "), so only SQLite ran." : "PostgreSQL: throwaway local clusters (fsync off, as in the tests)."))
            .AppendLine();
        var verdicts = new Verdicts();

        async Task SectionAsync(string title, string intro, Func<Task<IReadOnlyList<ScenarioResult>>> run, string? header = null)
        {
            Console.WriteLine($"== {title} ({DateTime.UtcNow:HH:mm:ss} UTC)");
            var results = await run();
            report.AppendLine("## " + title).AppendLine().AppendLine(intro).AppendLine();
            if (header is not null)
            {
                report.AppendLine(header);
            }

            foreach (var result in results)
            {
                report.AppendLine(result.Markdown);
                if (header is null)
                {
                    report.AppendLine();
                }

                foreach (var (target, measured, met) in result.Checks)
                {
                    verdicts.Check(target, measured, met);
                }
            }

            report.AppendLine();
            Console.WriteLine(string.Join('\n', results.Select(r => r.Markdown)));
        }

        if (size.Runs("crash"))
        {
            await SectionAsync("kill -9 during writes",
                $"4 GraphQL upsert writers, 2 OpenLineage posters and one ingestion of a {size.LakeFiles}-file connection run for {size.CrashSeconds} s, then the process is killed (SIGKILL) and restarted over the same data. "
                + "Every acknowledged upsert is checked whole in the store (description and columns) and by exact-name search; every acknowledged event's edge by a lineage walk; the ingestion's datasets in the store and the index.",
                async () =>
                {
                    var results = new List<ScenarioResult>();
                    foreach (var (name, settings) in stores)
                    {
                        results.Add(await CrashScenario.RunAsync(name, await settings(), size));
                    }

                    return results;
                },
                CrashScenario.Header);
        }

        if (size.Runs("outage") && postgres is not null)
        {
            await SectionAsync("PostgreSQL outage under load",
                $"8 clients (upserts, searches, dataset reads) run for 5 s, PostgreSQL is stopped (fast shutdown) for {size.OutageSeconds} s and started again, and the load continues until the service is ready plus 5 s. "
                + "Afterwards every acknowledged upsert is checked in the store and the search index.",
                async () => [await OutageScenario.RunAsync(size)],
                OutageScenario.Header);
        }

        if (size.Runs("replicas") && postgres is not null)
        {
            await SectionAsync("Two replicas on one PostgreSQL",
                $"{size.ReplicaWrites} writes alternate between two service processes (every tenth an OpenLineage event, the rest upserts); after each, the other replica is polled every 5 ms until it finds the write.",
                async () => [await ReplicaScenario.RunAsync(postgres, size)],
                ReplicaScenario.Header);
        }

        if (size.Runs("load"))
        {
            await SectionAsync("Sustained mixed load",
                "The demo catalog; each client loops: 30% dataset page, 25% search, 20% lineage (depth 3), 15% browse, 4% upsert, 3% description edit, 3% OpenLineage event. Latencies are client-side over loopback HTTP.",
                async () =>
                {
                    var results = new List<ScenarioResult>();
                    foreach (var (name, settings) in stores)
                    {
                        results.Add(await LoadScenario.RunAsync(name, await settings(), size));
                    }

                    return results;
                });
        }

        if (size.Runs("scale") && postgres is not null)
        {
            await SectionAsync("Scale on PostgreSQL",
                "Datasets in 20 layers, each with 20 columns; lineage edges lead from each layer into the next.",
                async () => [await ScaleScenario.RunAsync(postgres, size)]);
        }

        Console.WriteLine(report);
        await ResultsFile.WriteAsync("reliability.md", "Reliability: faults, replicas, load and scale",
            "dotnet run -c Release --no-build --project bench/ReliabilityBench -- " + size.CommandLine, provenance, report.ToString(), verdicts);
        return 0;
    }
}
