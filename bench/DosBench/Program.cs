using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using TownLake.Bench;
using TownLake.DosBench;
using TownLake.ServiceProcess;

// Denial-of-service benchmark (issue 11): the built service as its own process, hostile requests from several clients,
// and a second client measuring ordinary requests meanwhile. Loopback only; every loop is bounded.
var provenance = RunProvenance.Capture("bench/DosBench", args);
var options = DosBenchOptions.Parse(args.Where(a => a != "--allow-dirty").ToArray());
var verdicts = new Verdicts();
var inv = CultureInfo.InvariantCulture;
var assembly = RepoPaths.CatalogAssembly(options.Catalog);
Console.WriteLine($"Starting {assembly} …");
await using var service = await CatalogProcess.StartAsync(assembly, options.Settings, "Production", TimeSpan.FromSeconds(120), CancellationToken.None);
Console.WriteLine($"Listening on {service.BaseAddress} (pid {service.Id}); waiting for the demo warehouse …");

using var probeClient = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
const string DatasetQuery = "{ dataset(name: \"demo.dim.customers\") { urn name description columns { name type } } }";
await WaitForDemoAsync(probeClient, DatasetQuery);
var (rssAtStart, _) = service.Memory();

Console.WriteLine($"Idle: probing for {options.Baseline.TotalSeconds:0} s …");
var idle = await ProbeAsync(probeClient, options.Baseline, CancellationToken.None);

Console.WriteLine($"Attack: {options.Window.TotalSeconds:0} s …");
using var window = new CancellationTokenSource(options.Window);
var attacks = Attacks.Refusable(options.Interval, options.MaxRuns).Concat(options.Queries ? Attacks.Heavy(options.Window) : []).ToList();
var attackers = attacks.Select(attack => Task.Run(async () =>
{
    using var client = new HttpClient { BaseAddress = service.BaseAddress, Timeout = options.Window + TimeSpan.FromSeconds(30) };
    await attack.RunAsync(client, window.Token);
})).ToList();
var memory = Task.Run(async () =>
{
    long peakSeen = 0;
    while (!window.IsCancellationRequested && !service.HasExited)
    {
        peakSeen = Math.Max(peakSeen, service.Memory().Rss);
        await Task.Delay(200);
    }

    return peakSeen;
});
var underAttack = await ProbeAsync(probeClient, options.Window, CancellationToken.None);
await Task.WhenAll(attackers);
var rssSampledPeak = await memory;
var (rssAtEnd, highWaterMark) = service.Memory();
var exited = service.HasExited;

var report = Report();
Console.WriteLine(report);
await ResultsFile.WriteAsync(Path.GetFileName(options.Out), options.Queries ? "Denial of service: hostile requests against the running service" : "Denial of service: hostile requests, without the heavy queries",
    "dotnet run -c Release --project bench/DosBench" + (args.Length > 0 ? " -- " + string.Join(' ', args.Where(a => a != "--allow-dirty")) : ""), provenance, report, verdicts);
return 0;

static async Task WaitForDemoAsync(HttpClient client, string datasetQuery)
{
    for (var attempt = 0; attempt < 240; attempt++)
    {
        try
        {
            using var response = await client.PostAsJsonAsync("/graphql", new { query = datasetQuery });
            if (JsonNode.Parse(await response.Content.ReadAsStringAsync())?["data"]?["dataset"] is JsonObject)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Not ready yet.
        }

        await Task.Delay(500);
    }

    throw new InvalidOperationException("The demo warehouse did not appear within two minutes.");
}

// The second client: `{ __typename }` and a dataset query in turn, one every 50 ms, each timed.
async Task<(Latencies Typename, Latencies Dataset, int Failures)> ProbeAsync(HttpClient client, TimeSpan duration, CancellationToken cancellationToken)
{
    var typename = new Latencies();
    var dataset = new Latencies();
    var failures = 0;
    var clock = Stopwatch.StartNew();
    for (var i = 0; clock.Elapsed < duration && i < 100_000; i++)
    {
        var (query, latencies) = i % 2 == 0 ? ("{ __typename }", typename) : (DatasetQuery, dataset);
        var request = Stopwatch.StartNew();
        try
        {
            using var response = await client.PostAsJsonAsync("/graphql", new { query }, cancellationToken);
            await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                failures++;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            failures++;
        }

        latencies.Add(request.Elapsed);
        var wait = TimeSpan.FromMilliseconds(50) - request.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    return (typename, dataset, failures);
}

string Report()
{
    const double TargetMs = 100;
    const long TargetBytes = 1536L * 1024 * 1024;
    var s = new StringBuilder();
    s.AppendLine(inv, $"- Service: `dotnet {Path.GetRelativePath(TownLake.Bench.RunProvenance.RepositoryRoot(), assembly)}` as its own process on loopback, SQLite store in a temp directory, demo warehouse{(options.Settings.Count > 0 ? ", settings " + string.Join(' ', options.Settings) : "")}");
    s.AppendLine(inv, $"- Phases: {options.Baseline.TotalSeconds:0} s idle probing, then a {options.Window.TotalSeconds:0} s attack window: each refusable attack from its own client, at most one request per {options.Interval.TotalMilliseconds:0} ms and {options.MaxRuns} in all; {(options.Queries ? "the heavy queries 3 and 2 times" : "no heavy queries (--no-queries)")}. The second client sends `{{ __typename }}` and a dataset query in turn every 50 ms throughout.");
    s.AppendLine();
    s.AppendLine("## The second client");
    s.AppendLine();
    s.AppendLine("| Request | Idle p50 | Idle p99 | Under attack p50 | Under attack p99 | Requests (failed) | Target p99 < 100 ms |");
    s.AppendLine("|---|---:|---:|---:|---:|---:|---|");
    Row("`{ __typename }`", idle.Typename, underAttack.Typename);
    Row("dataset query (`demo.dim.customers` with columns)", idle.Dataset, underAttack.Dataset);
    s.AppendLine(inv, $"\nFailed probe requests under attack: {underAttack.Failures} (idle: {idle.Failures}).");
    s.AppendLine();
    s.AppendLine("## The service's memory");
    s.AppendLine();
    s.AppendLine("| Measure | Value | Target < 1.5 GB |");
    s.AppendLine("|---|---:|---|");
    s.AppendLine(inv, $"| RSS when ready | {Gb(rssAtStart)} | |");
    s.AppendLine(inv, $"| Peak RSS (VmHWM, whole run) | {Gb(highWaterMark)} | see Targets |");
    verdicts.Check("service peak RSS < 1.5 GB", Gb(highWaterMark), highWaterMark < TargetBytes);
    s.AppendLine(inv, $"| Highest RSS sampled during the attack (every 200 ms) | {Gb(rssSampledPeak)} | |");
    s.AppendLine(inv, $"| RSS at the end | {Gb(rssAtEnd)} | |");
    if (exited)
    {
        s.AppendLine("\n**The service exited during the run.** Its last log lines:\n\n```\n" + string.Join('\n', service.Log.TakeLast(30)) + "\n```");
    }

    s.AppendLine();
    s.AppendLine("## The attacks");
    s.AppendLine();
    s.AppendLine("| Attack | Requests | Answers | p50 ms | p99 ms | max ms | Target: every answer a 4xx, p99 < 100 ms |");
    s.AppendLine("|---|---:|---|---:|---:|---:|---|");
    foreach (var attack in attacks)
    {
        var refusable = !attack.Name.StartsWith("Query:", StringComparison.Ordinal);
        var verdict = refusable
            ? (!attack.AllRefused ? "not every answer a 4xx" : attack.Latencies.Percentile(99) < TargetMs ? "refused within the target" : "refused, p99 over the target")
            : "bounded memory (see above)";
        if (refusable)
        {
            verdicts.Check($"attack {attack.Name}: every answer a 4xx, p99 < 100 ms", $"{(attack.AllRefused ? "all 4xx" : "not all 4xx")}, p99 {attack.Latencies.Percentile(99):0.0} ms", attack.AllRefused && attack.Latencies.Percentile(99) < TargetMs);
        }
        var answers = string.Join("; ", attack.Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} ×{o.Value}"));
        s.AppendLine(inv, $"| {attack.Name} | {attack.Latencies.Count} | {answers.Replace("|", "\\|", StringComparison.Ordinal)} | {attack.Latencies.Percentile(50):0.0} | {attack.Latencies.Percentile(99):0.0} | {attack.Latencies.Max:0.0} | {verdict} |");
    }

    s.AppendLine();
    s.AppendLine("Attack times are the attacking client's: sending the body is included (for the 2 MB and 5 MB bodies most of it on a busy machine). Heavy queries' times are the runs' whole durations (start to final state or the window's end), not a request's answer time.");
    return s.ToString();

    void Row(string name, Latencies before, Latencies during)
    {
        s.AppendLine(inv, $"| {name} | {before.Percentile(50):0.0} ms | {before.Percentile(99):0.0} ms | {during.Percentile(50):0.0} ms | {during.Percentile(99):0.0} ms | {during.Count} | see Targets |");
        verdicts.Check($"second client, {name}, under attack: p99 < 100 ms", $"{during.Percentile(99):0.0} ms", during.Percentile(99) < TargetMs);
    }

    static string Gb(long bytes) => $"{bytes / 1024d / 1024 / 1024:0.00} GB";
}
