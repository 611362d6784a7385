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
        // Two file connections: "lake" is ingested while the writers run and acknowledged before the kill; "late" is
        // still being ingested when the process dies (its datasets may be stored or not, but each one whole).
        var lake = await LakeAsync(data + "-lake", size.LakeFiles);
        var late = await LakeAsync(data + "-late", size.LakeFiles);
        var settings = new Dictionary<string, string>(storeSettings)
        {
            ["TownLake:Connections:lake:Type"] = "files",
            ["TownLake:Connections:lake:Path"] = lake,
            ["TownLake:Connections:late:Type"] = "files",
            ["TownLake:Connections:late:Path"] = late,
        };
        var upserts = new ConcurrentBag<string>();
        var edges = new ConcurrentBag<(string Up, string Down)>();
        var ingested = false;
        var lateAcknowledged = false;
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
            var crashAt = Stopwatch.StartNew();
            ingested = (await Workload.GraphQLAsync(first, "mutation { ingestConnection(name: \"lake\") { added } }", null)).Ok;
            var inFlight = Task.Run(() => Workload.GraphQLAsync(first, "mutation { ingestConnection(name: \"late\") { added } }", null));
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.5, size.CrashSeconds - crashAt.Elapsed.TotalSeconds)));
            lateAcknowledged = inFlight.IsCompletedSuccessfully && inFlight.Result.Ok;
            await first.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll([.. writers, .. posters, inFlight]);
        }

        var restart = Stopwatch.StartNew();
        await using var second = await CatalogProcess.StartAsync(data, settings);
        await second.WaitReadyAsync(TimeSpan.FromSeconds(300));
        var readyAfter = restart.Elapsed;
        var catchUp = second.LogText.Split('\n').FirstOrDefault(l => l.Contains("Search index ", StringComparison.Ordinal) && l.Contains(" at change ", StringComparison.Ordinal))?.Trim() ?? "(no open line)";

        var notWhole = await CountAsync(upserts, name => Workload.StoredWholeAsync(second, name));
        var unsearchable = await CountAsync(upserts, n => second.SearchFindsAsync(n));
        var missingEdges = await CountAsync(edges, async e => (await second.UpstreamAsync("urn:tl:dataset:" + e.Down)).Contains("urn:tl:dataset:" + e.Up));
        var (lakeStored, lakeSearchable) = await IngestedAsync(second, "lake", size.LakeFiles);
        var (lateStored, lateSearchable) = await IngestedAsync(second, "late", size.LakeFiles);
        try
        {
            Directory.Delete(data, recursive: true);
            Directory.Delete(lake, recursive: true);
            Directory.Delete(late, recursive: true);
        }
        catch (IOException)
        {
        }

        var lost = notWhole + unsearchable + missingEdges + (ingested ? (size.LakeFiles - lakeStored) + (size.LakeFiles - lakeSearchable) : 0)
            + (lateAcknowledged ? (size.LakeFiles - lateStored) + (size.LakeFiles - lateSearchable) : Math.Abs(lateStored - lateSearchable));
        var row = $"| {store} | {upserts.Count:N0} | {notWhole} | {unsearchable} | {edges.Count:N0} | {missingEdges} | "
            + $"{Ingestion(ingested, lakeStored, lakeSearchable, size.LakeFiles)} | {Ingestion(lateAcknowledged, lateStored, lateSearchable, size.LakeFiles)} | "
            + $"{readyAfter.TotalSeconds:F1} s | {catchUp.Replace("|", "/", StringComparison.Ordinal)} |";
        return new ScenarioResult(row, [($"kill -9 under concurrent writes ({store}): every acknowledged write in the store, the search index and the lineage graph", $"{lost} lost of {upserts.Count + edges.Count:N0} acknowledged writes (a run with no upsert, event or ingestion acknowledged proves nothing and misses){(ingested ? $" and {size.LakeFiles * (lateAcknowledged ? 2 : 1)} ingested datasets" : "")}", lost == 0 && upserts.Count > 0 && edges.Count > 0 && ingested)]);
    }

    private static async Task<string> LakeAsync(string folder, int files)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < files; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"file_{i}.csv"), "id,amount\n1,2.5\n");
        }

        return folder;
    }

    /// <summary>How many datasets of one file connection's ingestion the restarted service has in its store and its index.</summary>
    private static async Task<(int Stored, int Searchable)> IngestedAsync(CatalogProcess service, string connection, int files)
    {
        var names = Enumerable.Range(0, files).Select(i => $"{connection}.main.file_{i}").ToList();
        return (files - await CountAsync(names, name => Workload.StoredAsync(service, name)), files - await CountAsync(names, n => service.SearchFindsAsync(n)));
    }

    private static string Ingestion(bool acknowledged, int stored, int searchable, int files) =>
        $"{(acknowledged ? "acknowledged" : "in flight")}: {stored}/{files} stored, {searchable}/{files} searchable{(acknowledged && (stored < files || searchable < files) ? " **LOST**" : "")}{(!acknowledged && stored != searchable ? " (stored ≠ searchable)" : "")}";

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
        | store | upserts acknowledged | not in store whole | not searchable | lineage events acknowledged | edges missing | ingestion before the kill | ingestion during the kill | restart to ready | search index on restart |
        |---|---:|---:|---:|---:|---:|---|---|---:|---|
        """;
}
