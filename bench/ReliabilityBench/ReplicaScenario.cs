using System.Diagnostics;
using TownLake.Bench;
using TownLake.ServiceProcess;
using TownLake.TestSupport;

namespace TownLake.ReliabilityBench;

/// <summary>
/// Two service processes on one PostgreSQL database, writes alternating between them: for each, the time until it is
/// searchable on the other replica (and, for lineage events, walkable there), and how many were never seen (10 s).
/// </summary>
internal static class ReplicaScenario
{
    public static async Task<ScenarioResult> RunAsync(PostgresServer server, BenchSize size)
    {
        var connection = await server.CreateDatabaseAsync("replicas");
        var settings = new Dictionary<string, string> { ["TownLake:Store"] = "postgres", ["TownLake:PostgresConnectionString"] = connection };
        var (dataA, dataB) = (Temp("a"), Temp("b"));
        await using var a = await CatalogProcess.StartAsync(dataA, settings);
        await using var b = await CatalogProcess.StartAsync(dataB, settings);
        await Task.WhenAll(a.WaitReadyAsync(TimeSpan.FromSeconds(300)), b.WaitReadyAsync(TimeSpan.FromSeconds(300)));
        foreach (var replica in new[] { a, b })
        {
            // First requests compile each replica's GraphQL, search and lineage paths: not what is measured.
            await Workload.UpsertAsync(replica, "replica.warm.up");
            await replica.SearchFindsAsync("replica.warm.up");
            await replica.UpstreamAsync("urn:tl:dataset:replica.warm.up");
        }

        var search = new Latencies();
        var lineage = new Latencies();
        var neverSearch = 0;
        var neverLineage = 0;
        for (var i = 0; i < size.ReplicaWrites; i++)
        {
            var (writer, reader) = i % 2 == 0 ? (a, b) : (b, a);
            if (i % 10 == 9)
            {
                var (up, down) = ($"replica.src.in{i}", $"replica.mart.out{i}");
                if (!(await Workload.LineageEventAsync(writer, up, down)).Ok)
                {
                    throw new InvalidOperationException("a lineage event was refused");
                }

                var seen = await SeenAsync(async () => (await reader.UpstreamAsync("urn:tl:dataset:" + down)).Contains("urn:tl:dataset:" + up));
                if (seen is { } l)
                {
                    lineage.Add(l);
                }
                else
                {
                    neverLineage++;
                }

                continue;
            }

            var name = $"replica.s.t{i}";
            if (!(await Workload.UpsertAsync(writer, name)).Ok)
            {
                throw new InvalidOperationException("an upsert was refused");
            }

            if (await SeenAsync(() => reader.SearchFindsAsync(name)) is { } s)
            {
                search.Add(s);
            }
            else
            {
                neverSearch++;
            }
        }

        foreach (var directory in new[] { dataA, dataB })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        var table = $"| search (upsert on one, exact-name search on the other) | {search.Count + neverSearch:N0} | {search.Percentile(50):F0} ms | {search.Percentile(99):F0} ms | {search.Percentile(100):F0} ms | {neverSearch} |\n"
            + $"| lineage (OpenLineage event on one, walk on the other) | {lineage.Count + neverLineage:N0} | {lineage.Percentile(50):F0} ms | {lineage.Percentile(99):F0} ms | {lineage.Percentile(100):F0} ms | {neverLineage} |";
        var p99 = Math.Max(search.Percentile(99), lineage.Count == 0 ? 0 : lineage.Percentile(99));
        return new ScenarioResult(table,
        [
            ("a write on one replica is searchable / walkable on the other: p99 < 1 s", $"{p99:F0} ms (search {search.Percentile(99):F0} ms, lineage {lineage.Percentile(99):F0} ms)", p99 < 1000),
            ("zero writes never seen on the other replica", $"{neverSearch + neverLineage}", neverSearch + neverLineage == 0),
        ]);
    }

    /// <summary>Polls every 5 ms for up to 10 s; the time until <paramref name="check"/> held, or null.</summary>
    private static async Task<TimeSpan?> SeenAsync(Func<Task<bool>> check)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (await check())
            {
                return clock.Elapsed;
            }

            await Task.Delay(5);
        }

        return null;
    }

    private static string Temp(string replica) => Path.Combine(Path.GetTempPath(), $"townlake-relbench-replica-{replica}-{Guid.NewGuid():N}");

    public const string Header = """
        | write | writes | visible on the other replica p50 | p99 | max | never seen (10 s) |
        |---|---:|---:|---:|---:|---:|
        """;
}
