using System.Collections.Concurrent;
using System.Diagnostics;
using TownLake.Bench;
using TownLake.TestSupport;
using TownLake.ServiceProcess;

namespace TownLake.ReliabilityBench;

/// <summary>
/// Sustained mixed load on the demo catalog: N clients, 90% reads (dataset pages, search, lineage, browse) and 10% writes
/// (upserts, description edits, OpenLineage events), for a fixed time: throughput, p50/p99 per operation, errors, RSS.
/// </summary>
internal static class LoadScenario
{
    private static readonly string[] DemoDatasets = ["demo.dim.accounts", "demo.sales.orders", "demo.sales.order_items", "demo.dim.products", "demo.finance.invoices"];
    private static readonly string[] Questions = ["orders", "customer revenue", "accounts", "invoice amount", "product", "monthly revenue per customer"];

    public static async Task<ScenarioResult> RunAsync(string store, Dictionary<string, string> storeSettings, BenchSize size)
    {
        var data = Path.Combine(Path.GetTempPath(), "townlake-relbench-load-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>(storeSettings) { ["TownLake:DemoWarehouse"] = "true" };
        await using var service = await CatalogProcess.StartAsync(data, settings);
        await service.WaitReadyAsync(TimeSpan.FromSeconds(300));
        var known = await KnownDatasetsAsync(service);
        // One of each operation first: compiling their paths is start-up cost, not load.
        await Workload.ReadDatasetAsync(service, known[0]);
        await Workload.SearchAsync(service, "orders");
        await Workload.LineageAsync(service, "urn:tl:dataset:" + known[0], 3);
        await Workload.BrowseAsync(service);
        await Workload.UpsertAsync(service, "load.warm.up");
        await Workload.LineageEventAsync(service, "loadsrc.warm.in", "loadmart.warm.out");

        var operations = new ConcurrentDictionary<string, Latencies>();
        var errors = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(size.LoadSeconds);
        await Task.WhenAll(Enumerable.Range(0, size.Clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var dataset = known[random.Next(known.Count)];
                var roll = random.Next(100);
                var (operation, task) = roll switch
                {
                    < 30 => ("read dataset page", Workload.ReadDatasetAsync(service, dataset)),
                    < 55 => ("search", Workload.SearchAsync(service, Questions[random.Next(Questions.Length)])),
                    < 75 => ("lineage (depth 3)", Workload.LineageAsync(service, "urn:tl:dataset:" + dataset, 3)),
                    < 90 => ("browse", Workload.BrowseAsync(service)),
                    < 94 => ("upsert dataset", Workload.UpsertAsync(service, $"load.c{c}.t{n % 50}")),
                    < 97 => ("edit description", Workload.DescribeAsync(service, dataset, $"edited by client {c} at {n}")),
                    _ => ("OpenLineage event", Workload.LineageEventAsync(service, $"loadsrc.c{c}.in{n % 20}", $"loadmart.c{c}.out{n % 20}")),
                };
                var (ok, error, elapsed) = await task;
                operations.GetOrAdd(operation, _ => new Latencies()).Add(elapsed);
                if (!ok)
                {
                    errors.AddOrUpdate($"{operation}: {error}", 1, (_, v) => v + 1);
                }
            }
        })));
        var elapsedTotal = clock.Elapsed;
        var rss = service.ResidentBytes;
        var total = operations.Values.Sum(l => l.Count);
        var lines = new List<string>
        {
            $"**{store}** — {size.Clients} clients for {size.LoadSeconds} s: {total:N0} operations, {total / elapsedTotal.TotalSeconds:N0} operations/s, "
            + $"errors: {(errors.IsEmpty ? "0" : string.Join(", ", errors.Select(e => $"{e.Key} × {e.Value}")))}, RSS at the end {rss / 1024.0 / 1024.0:N0} MiB.",
            "",
            "| operation | count | p50 | p99 |",
            "|---|---:|---:|---:|",
        };
        lines.AddRange(operations.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"| {o.Key} | {o.Value.Count:N0} | {o.Value.Percentile(50):F1} ms | {o.Value.Percentile(99):F1} ms |"));
        await service.DisposeAsync();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }

        var errorCount = errors.Values.Sum();
        return new ScenarioResult(string.Join('\n', lines), [($"zero errors under sustained mixed load ({store}, {size.Clients} clients, {size.LoadSeconds} s)", $"{errorCount} of {total:N0}", errorCount == 0)]);
    }

    private static async Task<IReadOnlyList<string>> KnownDatasetsAsync(CatalogProcess service)
    {
        var (_, body) = await service.GraphQLAsync("{ datasets(first: 200) { nodes { name } } }");
        var names = body["data"]?["datasets"]?["nodes"]?.AsArray().Select(n => (string?)n?["name"]).OfType<string>().ToList() ?? [];
        return names.Count > 0 ? names : DemoDatasets;
    }
}
