using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using TownLake.ServiceProcess;
using TownLake.Bench;
using TownLake.UiBench;

// Browser UI benchmark: the real Catalog (demo warehouse + a generated lineage graph of 1,000 datasets / 2,000 edges)
// and the real UI in headless Debian Chromium. Measures the home page, the lineage page on the generated graph (with the
// demo's 5-node graph as the baseline), panning that graph, and the size of the JavaScript bundles.
var options = BenchOptions.Parse(args);
var provenance = options.Write ? RunProvenance.Capture("bench/UiBench", args) : null;
const string ChromiumPath = "/usr/bin/chromium";
if (!File.Exists(ChromiumPath))
{
    Console.Error.WriteLine($"{ChromiumPath} is missing: apt-get install -y --no-install-recommends chromium");
    return 2;
}

var uiDirectory = Path.Combine(RunProvenance.RepositoryRoot(), "src", "Catalog", "wwwroot", "ui");
var bundle = BundleSize.Measure(uiDirectory);
Console.WriteLine($"JavaScript: initial {Kb(bundle.InitialGzip)} gzip, all {bundle.Files} files {Kb(bundle.AllGzip)} gzip.");

await using var catalog = await CatalogProcess.StartAsync(
    Path.Combine(AppContext.BaseDirectory, "TownLake.Catalog.dll"), [], "Development", TimeSpan.FromSeconds(120), CancellationToken.None);
using var http = new HttpClient { BaseAddress = catalog.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

var graph = GeneratedLineage.Create();
var loading = Stopwatch.StartNew();
await graph.LoadAsync(http, CancellationToken.None);
loading.Stop();
Console.WriteLine($"Loaded {graph.InputsOf.Count} OpenLineage events in {loading.Elapsed.TotalSeconds:F1} s.");
var served = await ServedGraphAsync(http, "urn:tl:dataset:" + GeneratedLineage.Sink);
Console.WriteLine($"Served graph: {served.Nodes} nodes, {served.Edges} edges, truncated: {served.Truncated}.");

if (options.Detail)
{
    await ServerTimingsAsync(http, "urn:tl:dataset:" + GeneratedLineage.Sink);
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = ChromiumPath,
    Headless = true,
    // The browser tests' flags (tests/EndToEnd.Tests/Browser/BrowserFixture.cs).
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
});
var probe = new UiProbe(browser, catalog.BaseAddress);

// Warm the server (first GraphQL requests compile resolvers, fill caches) before timing anything.
await using (var warmup = await probe.NewContextAsync(watchHome: true))
{
    await probe.LoadHomeAsync(warmup);
    var (page, _) = await probe.ShowGraphAsync(warmup, $"/dataset/{GeneratedLineage.Sink}/lineage?direction=UPSTREAM&depth=10");
    await page.CloseAsync();
}

var coldHome = new List<HomeTiming>();
var warmHome = new List<HomeTiming>();
for (var run = 0; run < options.Runs; run++)
{
    await using var context = await probe.NewContextAsync(watchHome: true);
    coldHome.Add(await probe.LoadHomeAsync(context, profile: options.Detail));
    warmHome.Add(await probe.LoadHomeAsync(context));
}

var bigGraph = new List<GraphTiming>();
var smallGraph = new List<GraphTiming>();
var pans = new List<(string Scenario, PanTiming Pan)>();
var fitWhole = new List<double>();
for (var run = 0; run < options.Runs; run++)
{
    await using var context = await probe.NewContextAsync();
    var (small, smallTiming) = await probe.ShowGraphAsync(context, "/dataset/demo.fct.billings_allocated/lineage?depth=3");
    smallGraph.Add(smallTiming);
    await small.CloseAsync();
    var (page, timing) = await probe.ShowGraphAsync(context, $"/dataset/{GeneratedLineage.Sink}/lineage?direction=UPSTREAM&depth=10", profile: options.Detail);
    bigGraph.Add(timing);
    if (run == 0)
    {
        pans.Add(("as opened (root's neighbourhood)", await UiProbe.PanAsync(page)));
    }

    fitWhole.Add(await UiProbe.FitWholeGraphAsync(page, served.Nodes));
    if (run == 0)
    {
        pans.Add(("whole graph (fit view, nodes as plain boxes)", await UiProbe.PanAsync(page)));
        await UiProbe.ZoomToFullSizeAsync(page);
        pans.Add(("zoomed in to full size", await UiProbe.PanAsync(page)));
    }

    await page.CloseAsync();
    Console.WriteLine($"run {run + 1}: graph {timing.Total:F0} ms (layout {timing.Layout:F0}, render {timing.Render:F0}); home cold {coldHome[run].Ready:F0} ms, warm {warmHome[run].Ready:F0} ms");
    if (options.Detail)
    {
        Console.WriteLine($"home cold (ready {coldHome[run].Ready:F0}, DOMContentLoaded {coldHome[run].DomContentLoaded:F0}):\n{coldHome[run].Detail}");
        Console.WriteLine($"home warm (ready {warmHome[run].Ready:F0}, DOMContentLoaded {warmHome[run].DomContentLoaded:F0}):\n{warmHome[run].Detail}");
        Console.WriteLine($"small graph (total {smallTiming.Total:F0}):\n{smallTiming.Detail}");
        Console.WriteLine($"big graph (total {timing.Total:F0}, data {timing.DataReady:F0}):\n{timing.Detail}");
    }
}

var verdicts = new Verdicts();
var report = Report(options, browser.Version, bundle, loading.Elapsed, served, coldHome, warmHome, bigGraph, smallGraph, fitWhole, pans, verdicts);
Console.WriteLine(report);
if (provenance is not null)
{
    await ResultsFile.WriteAsync("ui.md", "Browser UI: home page, 1,000-node lineage graph, panning, bundle size",
        "dotnet run -c Release --project bench/UiBench", provenance, report, verdicts);
}

return 0;

static async Task<(int Nodes, int Edges, bool Truncated)> ServedGraphAsync(HttpClient http, string urn)
{
    var request = new JsonObject
    {
        ["query"] = "query($urn: ID!) { lineage(urn: $urn, direction: UPSTREAM, depth: 10, maxNodes: 1000) { truncated nodes { urn } edges { upstream } } }",
        ["variables"] = new JsonObject { ["urn"] = urn },
    };
    using var response = await http.PostAsJsonAsync("/graphql", request);
    var body = await response.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException("No GraphQL answer.");
    var lineage = body["data"]?["lineage"] ?? throw new InvalidOperationException("The lineage query failed: " + body.ToJsonString());
    return (lineage["nodes"]!.AsArray().Count, lineage["edges"]!.AsArray().Count, lineage["truncated"]!.GetValue<bool>());
}

// What the pages' GraphQL requests cost on the server alone (--detail): each query, and its parts, timed over HTTP on localhost.
static async Task ServerTimingsAsync(HttpClient http, string sink)
{
    const string summary = "urn name platform kind description updatedAt tags { urn name } deprecation { deprecated note }";
    var queries = new (string Name, string Query)[]
    {
        ("me", "{ me { user { urn name displayName } groups { name } isAdmin canEdit } }"),
        ("home (all three lists)", $"{{ curated: datasets(filter: {{ tag: \"curated\", excludeDeprecated: true }}, first: 8) {{ nodes {{ {summary} }} }} mostUsed: datasets(filter: {{ excludeDeprecated: true }}, orderBy: MOST_QUERIED, first: 8) {{ nodes {{ {summary} usage {{ queryCount }} }} }} recent: datasets(orderBy: RECENTLY_UPDATED, first: 8) {{ nodes {{ {summary} }} }} }}"),
        ("home curated", $"{{ datasets(filter: {{ tag: \"curated\", excludeDeprecated: true }}, first: 8) {{ nodes {{ {summary} }} }} }}"),
        ("home mostUsed", $"{{ datasets(filter: {{ excludeDeprecated: true }}, orderBy: MOST_QUERIED, first: 8) {{ nodes {{ {summary} usage {{ queryCount }} }} }} }}"),
        ("home recent", $"{{ datasets(orderBy: RECENTLY_UPDATED, first: 8) {{ nodes {{ {summary} }} }} }}"),
        ("lineage as the UI asks", $"{{ lineage(urn: \"{sink}\", direction: UPSTREAM, depth: 10, columns: false, maxNodes: 1000) {{ root truncated nodes {{ urn name type column depth dataset {{ name platform }} }} edges {{ upstream downstream upstreamColumn downstreamColumn origin transformation expression job {{ urn name }} }} }} }}"),
        ("lineage without dataset/job", $"{{ lineage(urn: \"{sink}\", direction: UPSTREAM, depth: 10, maxNodes: 1000) {{ root truncated nodes {{ urn name type column depth }} edges {{ upstream downstream upstreamColumn downstreamColumn origin transformation expression }} }} }}"),
        ("lineage nodes' datasets only", $"{{ lineage(urn: \"{sink}\", direction: UPSTREAM, depth: 10, maxNodes: 1000) {{ nodes {{ urn dataset {{ name platform }} }} }} }}"),
        ("lineage edges' jobs only", $"{{ lineage(urn: \"{sink}\", direction: UPSTREAM, depth: 10, maxNodes: 1000) {{ edges {{ job {{ urn name }} }} }} }}"),
        ("lineage root only", $"{{ lineage(urn: \"{sink}\", direction: UPSTREAM, depth: 10, maxNodes: 1000) {{ root }} }}"),
    };
    foreach (var (name, query) in queries)
    {
        var times = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsJsonAsync("/graphql", new JsonObject { ["query"] = query });
            var body = await response.Content.ReadAsStringAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode || body.Contains("\"errors\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{name}: {body[..Math.Min(400, body.Length)]}");
            }
        }

        Console.WriteLine($"server {name}: {string.Join(" ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms (first is cold)");
    }
}

static string Report(BenchOptions options, string chromium, BundleSize bundle, TimeSpan loading, (int Nodes, int Edges, bool Truncated) served,
    List<HomeTiming> coldHome, List<HomeTiming> warmHome, List<GraphTiming> bigGraph, List<GraphTiming> smallGraph, List<double> fitWhole,
    List<(string Scenario, PanTiming Pan)> pans, Verdicts verdicts)
{
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"Chromium {chromium} (headless, `--disable-gpu`, software rendering).").AppendLine();
    text.AppendLine(CultureInfo.InvariantCulture, $"Setup: the real Catalog on localhost (SQLite, demo warehouse) plus a generated lineage graph loaded as {GeneratedLineage.NodeCount - GeneratedLineage.Width} OpenLineage run events through `POST /api/v1/lineage` in {loading.TotalSeconds:F1} s: {GeneratedLineage.Layers} layers of {GeneratedLineage.Width} datasets and a sink, served by `lineage(direction: UPSTREAM, depth: 10)` as **{served.Nodes} nodes and {served.Edges} edges** (truncated: {served.Truncated.ToString().ToLowerInvariant()}). Viewport 1280×860; {options.Runs} runs each, every run in a fresh browser context (empty cache) unless marked warm.").AppendLine();

    text.AppendLine("## Lineage graph: lays out and renders (target < 1 s)").AppendLine();
    text.AppendLine("The lineage page is opened the way a click does (client-side route change from the home page). *Data* is when the last response arrived (the lazily loaded page chunk, the dataset, the lineage); *layout* is the UI's `lineage-layout` User Timing measure; *render* runs from the data to the first painted frame showing the graph (layout included); *total* from the click to that frame.").AppendLine();
    text.AppendLine("| graph | nodes drawn | edges drawn | data p50 ms | layout p50 ms | render p50 ms | render p95 ms | total p50 ms | total p95 ms | render vs baseline |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    var baseline = Percentile(smallGraph.Select(t => t.Render), 50);
    foreach (var (name, timings, isBaseline) in new[] { ("demo billings_allocated, depth 3", smallGraph, true), ("generated, 1,000 nodes / 2,000 edges", bigGraph, false) })
    {
        var render = Percentile(timings.Select(t => t.Render), 50);
        var totalP95 = Percentile(timings.Select(t => t.Total), 95);
        verdicts.Check($"lineage graph {name}: click to painted graph p95 < 1 s", $"{totalP95:F0} ms", totalP95 < 1000);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} ({timings[0].Status.Split('·')[0].Trim()}) | {timings[0].DomNodes} | {timings[0].DomEdges} | {Percentile(timings.Select(t => t.DataReady), 50):F0} | {Percentile(timings.Select(t => t.Layout), 50):F1} | {render:F0} | {Percentile(timings.Select(t => t.Render), 95):F0} | {Percentile(timings.Select(t => t.Total), 50):F0} | {Percentile(timings.Select(t => t.Total), 95):F0} | {(isBaseline ? "baseline" : $"{render / baseline:F1}×")} |");
    }

    text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
        $"A big graph (over 300 nodes) opens at full size (zoom 1) on its root and the root's neighbours, the root always on screen (only the nodes on screen are in the DOM); the whole graph is one click away: **fit view** with all {served.Nodes} nodes drawn (as plain boxes at that zoom) took p50 {Percentile(fitWhole, 50):F0} ms, p95 {Percentile(fitWhole, 95):F0} ms from the click to the painted frame.");
    text.AppendLine().AppendLine("## Panning the 1,000-node graph (programmatic mouse drag, ~1 s)").AppendLine();
    text.AppendLine("Intervals between `requestAnimationFrame` callbacks while the pane is dragged; 16.7 ms is 60 fps.").AppendLine();
    text.AppendLine("| view | zoom | frames | fps | p50 ms | p95 ms | max ms | frames > 33 ms | moved px |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var (scenario, pan) in pans)
    {
        var slow = pan.FrameIntervals.Count(i => i > 33.4);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {scenario} | {pan.Zoom:F2} | {pan.FrameIntervals.Count} | {pan.FrameIntervals.Count / (pan.DurationMs / 1000):F0} | {Percentile(pan.FrameIntervals, 50):F1} | {Percentile(pan.FrameIntervals, 95):F1} | {pan.FrameIntervals.Max():F1} | {slow} ({100.0 * slow / pan.FrameIntervals.Count:F0}%) | {pan.MovedPixels:F0} |");
    }

    text.AppendLine().AppendLine("## Home page ready (target < 500 ms on localhost)").AppendLine();
    text.AppendLine("From navigation start to the first painted frame showing the dataset cards (the data loaded). The catalog holds the demo's datasets plus the 1,000 generated ones.").AppendLine();
    text.AppendLine("| visit | ready p50 ms | ready p95 ms | DOMContentLoaded p50 ms | load p50 ms | script bytes transferred |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|");
    foreach (var (name, timings) in new[] { ("cold (empty cache)", coldHome), ("warm (same context, reload)", warmHome) })
    {
        var readyP95 = Percentile(timings.Select(t => t.Ready), 95);
        verdicts.Check($"home page ready, {name}: p95 < 500 ms", $"{readyP95:F0} ms", readyP95 < 500);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {name} | {Percentile(timings.Select(t => t.Ready), 50):F0} | {Percentile(timings.Select(t => t.Ready), 95):F0} | {Percentile(timings.Select(t => t.DomContentLoaded), 50):F0} | {Percentile(timings.Select(t => t.Load), 50):F0} | {Kb(timings[0].ScriptBytesTransferred)} |");
    }

    text.AppendLine().AppendLine("## JavaScript size (target < 500 kB compressed)").AppendLine();
    text.AppendLine("gzip at the highest level of every `.js` file in `src/Catalog/wwwroot/ui/assets`, and the Brotli copy the UI build writes next to each (`scripts/precompress.mjs`), which the Catalog serves to browsers that accept it.").AppendLine();
    text.AppendLine("| scope | raw | gzip | Brotli (served) |");
    text.AppendLine("|---|---:|---:|---:|");
    text.AppendLine(CultureInfo.InvariantCulture, $"| first page load (entry chunk and its preloads) | {Kb(bundle.InitialRaw)} | {Kb(bundle.InitialGzip)} | {Kb(bundle.InitialServed)} |");
    text.AppendLine(CultureInfo.InvariantCulture, $"| everything, incl. lazy lineage and query pages ({bundle.Files} files) | {Kb(bundle.AllRaw)} | {Kb(bundle.AllGzip)} | {Kb(bundle.AllServed)} |");
    verdicts.Check("JavaScript, everything gzip-compressed < 500 kB", Kb(bundle.AllGzip), bundle.AllGzip < 500_000);
    return text.ToString();
}

static double Percentile(IEnumerable<double> values, double percentile)
{
    var sorted = values.Order().ToList();
    if (sorted.Count == 0)
    {
        return double.NaN;
    }

    var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

static string Kb(long bytes) => (bytes / 1000.0).ToString("F1", CultureInfo.InvariantCulture) + " kB";

/// <summary>
/// Command-line options: <c>--runs N</c> (5), <c>--no-write</c> (print only), <c>--allow-dirty</c>, <c>--detail</c> (print every
/// run's requests, paints and User Timing entries, to see where the time goes).
/// </summary>
internal sealed record BenchOptions(int Runs, bool Write, bool Detail)
{
    public static BenchOptions Parse(string[] args)
    {
        var runs = 5;
        var write = true;
        var detail = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], out var parsed) && parsed > 0:
                    runs = parsed;
                    i++;
                    break;
                case "--no-write":
                    write = false;
                    break;
                case "--allow-dirty":
                    break;
                case "--detail":
                    detail = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete option '{args[i]}'. Use --runs N, --no-write, --allow-dirty, --detail.");
            }
        }

        return new BenchOptions(runs, write, detail);
    }
}
