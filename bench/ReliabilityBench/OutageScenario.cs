using System.Collections.Concurrent;
using System.Diagnostics;
using TownLake.ServiceProcess;
using TownLake.TestSupport;

namespace TownLake.ReliabilityBench;

/// <summary>
/// PostgreSQL stopped for a while under mixed load (8 clients: reads, searches, upserts): the error rate and latency
/// while it is down, how long the service takes to answer again once it is back, and whether any acknowledged write is lost.
/// </summary>
internal static class OutageScenario
{
    public static async Task<ScenarioResult> RunAsync(BenchSize size)
    {
        await using var server = await PostgresServer.StartAsync();
        if (server is null || !server.IsThrowaway)
        {
            return new ScenarioResult("Not measured: " + (PostgresServer.UnavailableReason ?? "a throwaway PostgreSQL cluster is needed (it is stopped on purpose)") + ".", []);
        }

        var connection = await server.CreateDatabaseAsync("outage") + ";Timeout=3";
        var data = Path.Combine(Path.GetTempPath(), "townlake-relbench-outage-" + Guid.NewGuid().ToString("N"));
        await using var service = await CatalogProcess.StartAsync(data, new Dictionary<string, string> { ["TownLake:Store"] = "postgres", ["TownLake:PostgresConnectionString"] = connection });
        await service.WaitReadyAsync(TimeSpan.FromSeconds(300));
        await Workload.UpsertAsync(service, "outage.warm.up");
        await Workload.SearchAsync(service, "outage");

        var acknowledged = new ConcurrentBag<string>();
        var samples = new ConcurrentBag<(TimeSpan At, bool Ok, string? Error, TimeSpan Elapsed)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var started = clock.Elapsed;
                (bool Ok, string? Error, TimeSpan Elapsed) result;
                switch (n % 4)
                {
                    case 0:
                        var name = $"outage.c{c}.t{n}";
                        result = await Workload.UpsertAsync(service, name);
                        if (result.Ok)
                        {
                            acknowledged.Add(name);
                        }

                        break;
                    case 1:
                        result = await Workload.SearchAsync(service, "outage");
                        break;
                    default:
                        result = await Workload.ReadDatasetAsync(service, $"outage.c{c}.t0");
                        break;
                }

                samples.Add((started, result.Ok, result.Error, result.Elapsed));
                await Task.Delay(10);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(5));
        var down = clock.Elapsed;
        await server.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(size.OutageSeconds));
        await server.StartAgainAsync();
        var up = clock.Elapsed;
        TimeSpan? firstSuccess = null;
        TimeSpan? ready = null;
        while (clock.Elapsed - up < TimeSpan.FromSeconds(60) && (ready is null || firstSuccess is null))
        {
            firstSuccess ??= samples.Where(s => s.At >= up && s.Ok).Select(s => (TimeSpan?)(s.At + s.Elapsed - up)).Min();
            if (ready is null && await Workload.ReadyStatusAsync(service) == 200)
            {
                ready = clock.Elapsed - up;
            }

            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        var during = samples.Where(s => s.At >= down && s.At < up).ToList();
        var before = samples.Where(s => s.At < down).ToList();
        var after = samples.Where(s => s.At >= up + (ready ?? TimeSpan.Zero)).ToList();
        var codes = string.Join(", ", during.Where(s => !s.Ok).GroupBy(s => s.Error).Select(g => $"{g.Key} × {g.Count()}"));
        var slowest = during.Count == 0 ? 0 : during.Max(s => s.Elapsed.TotalMilliseconds);
        // What the console log of a run needs to explain an error: when each failure before the stop started and ended
        // relative to it (a request in flight when the stop cut its connection started "before"), and every exception
        // the service logged as unhandled (an INTERNAL answer), with its type and first frames.
        foreach (var failed in before.Where(s => !s.Ok))
        {
            Console.WriteLine($"outage: error before the stop: {failed.Error}, started {(failed.At - down).TotalMilliseconds:F0} ms and ended {(failed.At + failed.Elapsed - down).TotalMilliseconds:F0} ms from it");
        }

        var log = service.Log.ToList();
        for (var i = 0; i < log.Count; i++)
        {
            if (log[i].Contains("Unhandled error", StringComparison.Ordinal))
            {
                log.Skip(i).Take(12).ToList().ForEach(line => Console.WriteLine("outage: service: " + line));
            }
        }

        var lost = 0;
        foreach (var name in acknowledged)
        {
            if (!await Workload.StoredWholeAsync(service, name) || !await service.SearchFindsAsync(name))
            {
                lost++;
            }
        }

        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }

        var row = $"| {size.OutageSeconds} s | {before.Count(s => !s.Ok)}/{before.Count} | {during.Count(s => !s.Ok)}/{during.Count} ({codes}) | {slowest:F0} ms | "
            + $"{(firstSuccess is { } f ? $"{f.TotalSeconds:F1} s" : "none within 60 s")} | {(ready is { } r ? $"{r.TotalSeconds:F1} s" : "not within 60 s")} | "
            + $"{after.Count(s => !s.Ok)}/{after.Count} | {acknowledged.Count:N0} | {lost} |";
        return new ScenarioResult(row,
        [
            ($"PostgreSQL stopped {size.OutageSeconds} s under load: nothing acknowledged lost", $"{lost} of {acknowledged.Count:N0}", lost == 0),
            ("the service recovers by itself after the outage (ready within 30 s, no errors once ready)", ready is { } rr ? $"ready {rr.TotalSeconds:F1} s after PostgreSQL was back, {after.Count(s => !s.Ok)} errors after" : "not ready within 60 s", ready is { } r2 && r2 < TimeSpan.FromSeconds(30) && after.All(s => s.Ok)),
        ]);
    }

    public const string Header = """
        | outage | errors before | errors during (codes) | slowest answer during | first success after restart | ready after restart | errors after ready | writes acknowledged | lost |
        |---:|---:|---|---:|---:|---:|---:|---:|---:|
        """;
}
