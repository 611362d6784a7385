using System.Collections.Concurrent;
using System.Diagnostics;
using TownLake.ServiceProcess;

namespace TownLake.ReliabilityBench;

/// <summary>
/// kill -9 during concurrent GraphQL upserts, OpenLineage posts and a connection ingestion; then a restart over the same
/// data, and every acknowledged write is checked in the store (whole), the search index and the lineage graph.
/// </summary>
internal static class CrashScenario
{
    public static async Task<ScenarioResult> RunAsync(string store, Dictionary<string, string> storeSettings, BenchSize size)
    {
        var data = Path.Combine(Path.GetTempPath(), "townlake-relbench-crash-" + Guid.NewGuid().ToString("N"));
        var lake = Path.Combine(data + "-lake");
        Directory.CreateDirectory(lake);
        for (var i = 0; i < size.LakeFiles; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(lake, $"file_{i}.csv"), "id,amount\n1,2.5\n");
        }

        var settings = new Dictionary<string, string>(storeSettings)
        {
            ["TownLake:Connections:lake:Type"] = "files",
            ["TownLake:Connections:lake:Path"] = lake,
        };
        var upserts = new ConcurrentBag<string>();
        var edges = new ConcurrentBag<(string Up, string Down)>();
        var ingested = false;
        var prefix = "crash" + store.ToLowerInvariant();
        await using (var first = await CatalogProcess.StartAsync(data, settings))
        {
            await first.WaitReadyAsync(TimeSpan.FromSeconds(300));
            // First requests compile the GraphQL and lineage paths (tens of seconds on a loaded machine): not what is measured.
            await Workload.UpsertAsync(first, prefix + ".warm.up");
            await Workload.LineageEventAsync(first, prefix + "src.warm.up", prefix + "mart.warm.up");
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var name = $"{prefix}.w{w}.t{n}";
                    var (ok, error, _) = await Workload.UpsertAsync(first, name);
                    if (ok)
                    {
                        upserts.Add(name);
                    }
                    else if (error is not null && first.HasExited)
                    {
                        return;
                    }
                }
            })).ToList();
            var posters = Enumerable.Range(0, 2).Select(p => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var (up, down) = ($"{prefix}src.p{p}.in{n}", $"{prefix}mart.p{p}.out{n}");
                    var (ok, _, _) = await Workload.LineageEventAsync(first, up, down);
                    if (ok)
                    {
                        edges.Add((up, down));
                    }
                    else if (first.HasExited)
                    {
                        return;
                    }
                }
            })).ToList();
            var ingestion = Task.Run(async () =>
            {
                var (ok, _, _) = await Workload.GraphQLAsync(first, "mutation { ingestConnection(name: \"lake\") { added } }", null);
                ingested = ok;
            });
            await Task.Delay(TimeSpan.FromSeconds(size.CrashSeconds));
            await first.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll([.. writers, .. posters, ingestion]);
        }

        var restart = Stopwatch.StartNew();
        await using var second = await CatalogProcess.StartAsync(data, settings);
        await second.WaitReadyAsync(TimeSpan.FromSeconds(300));
        var readyAfter = restart.Elapsed;
        var catchUp = second.LogText.Split('\n').FirstOrDefault(l => l.Contains("Search index ", StringComparison.Ordinal) && l.Contains(" at change ", StringComparison.Ordinal))?.Trim() ?? "(no open line)";

        var notWhole = await CountAsync(upserts, name => Workload.StoredWholeAsync(second, name));
        var unsearchable = await CountAsync(upserts, n => second.SearchFindsAsync(n));
        var missingEdges = await CountAsync(edges, async e => (await second.UpstreamAsync("urn:tl:dataset:" + e.Down)).Contains("urn:tl:dataset:" + e.Up));
        var lakeNames = Enumerable.Range(0, size.LakeFiles).Select(i => $"lake.main.file_{i}").ToList();
        var lakeStored = size.LakeFiles - await CountAsync(lakeNames, name => Workload.StoredAsync(second, name));
        var lakeSearchable = size.LakeFiles - await CountAsync(lakeNames, n => second.SearchFindsAsync(n));
        try
        {
            Directory.Delete(data, recursive: true);
            Directory.Delete(lake, recursive: true);
        }
        catch (IOException)
        {
        }

        var lost = notWhole + unsearchable + missingEdges + (ingested ? (size.LakeFiles - lakeStored) + (size.LakeFiles - lakeSearchable) : 0);
        var row = $"| {store} | {upserts.Count:N0} | {notWhole} | {unsearchable} | {edges.Count:N0} | {missingEdges} | "
            + $"{(ingested ? "acknowledged" : "in flight")}: {lakeStored}/{size.LakeFiles} stored, {lakeSearchable}/{size.LakeFiles} searchable{(ingested && (lakeStored < size.LakeFiles || lakeSearchable < size.LakeFiles) ? " **LOST**" : "")} | "
            + $"{readyAfter.TotalSeconds:F1} s | {catchUp.Replace("|", "/", StringComparison.Ordinal)} |";
        return new ScenarioResult(row, [($"kill -9 under concurrent writes ({store}): every acknowledged write in the store, the search index and the lineage graph", $"{lost} lost of {upserts.Count + edges.Count:N0} acknowledged writes (a run with none acknowledged proves nothing and misses){(ingested ? $" and {size.LakeFiles} ingested datasets" : "")}", lost == 0 && upserts.Count > 0 && edges.Count > 0)]);
    }

    /// <summary>How many of <paramref name="items"/> fail <paramref name="check"/> (8 checks at a time).</summary>
    private static async Task<int> CountAsync<T>(IEnumerable<T> items, Func<T, Task<bool>> check)
    {
        var failed = 0;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
        {
            if (!await check(item))
            {
                Interlocked.Increment(ref failed);
            }
        });
        return failed;
    }

    public const string Header = """
        | store | upserts acknowledged | not in store whole | not searchable | lineage events acknowledged | edges missing | connection ingestion | restart to ready | search index on restart |
        |---|---:|---:|---:|---:|---:|---|---:|---|
        """;
}
