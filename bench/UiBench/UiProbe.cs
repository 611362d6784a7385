using Microsoft.Playwright;

namespace TownLake.UiBench;

/// <summary>Timings of one page visit, in milliseconds from the start of the navigation.</summary>
public sealed record HomeTiming(double Ready, double DomContentLoaded, double Load, long ScriptBytesTransferred, string Detail);

/// <summary>
/// A lineage graph shown after a client-side navigation: <c>Total</c> from the route change to the first painted frame
/// with the graph, <c>DataReady</c> when the last response (page chunk, dataset, lineage) arrived, <c>Layout</c> the
/// UI's own <c>lineage-layout</c> User Timing measure, <c>Render</c> from the data to the painted frame (layout included).
/// </summary>
public sealed record GraphTiming(double Total, double DataReady, double Layout, double Render, string Status, int DomNodes, int DomEdges, string Detail);

/// <summary>Frame intervals (ms) while the graph was dragged, and how far it moved.</summary>
public sealed record PanTiming(IReadOnlyList<double> FrameIntervals, double DurationMs, double MovedPixels, double Zoom);

/// <summary>Drives the real UI in Chromium and reads the browser's own clocks (performance.now, rAF, resource timing).</summary>
public sealed class UiProbe(IBrowser browser, Uri baseAddress)
{
    private const string HomeReadyScript = """
        (() => {
          const check = () => {
            if (document.querySelector('.home .card')) { requestAnimationFrame(() => { window.__homeReady = performance.now(); }); return; }
            requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        })();
        """;

    private const string ShowGraphScript = """
        async (url) => {
          const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
          const shown = () => {
            const status = document.querySelector('.lineage [role="status"]');
            const node = document.querySelector('.react-flow__node');
            return status && /\d+ nodes/.test(status.textContent ?? '') && node && getComputedStyle(node).visibility !== 'hidden'
              ? status.textContent : null;
          };
          performance.clearMeasures('lineage-layout');
          const started = performance.now();
          history.pushState({}, '', url);
          dispatchEvent(new PopStateEvent('popstate'));
          let status = null;
          while (!(status = shown())) {
            if (performance.now() - started > 60000) throw new Error('The lineage graph was not shown within 60 s.');
            await nextFrame();
          }
          await nextFrame();
          const painted = performance.now();
          const layout = performance.getEntriesByName('lineage-layout').at(-1);
          const dataReady = Math.max(started, ...performance.getEntriesByType('resource').filter((e) => e.startTime >= started).map((e) => e.responseEnd));
          return { started, total: painted - started, dataReady: dataReady - started, layout: layout ? layout.duration : -1, render: painted - dataReady,
                   status, domNodes: document.querySelectorAll('.react-flow__node').length, domEdges: document.querySelectorAll('.react-flow__edge').length };
        }
        """;

    // Where the time went (printed with --detail, not part of the report): every request's start, first byte and end,
    // the paint entries and the UI's own User Timing marks and measures, in ms since `since`.
    private const string DetailScript = """
        (since) => {
          const r = (x) => Math.round(x - since);
          const lines = performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
            .filter((e) => e.startTime >= since)
            .map((e) => `  ${e.name.replace(location.origin, '').slice(0, 60)}: start ${r(e.startTime)} firstByte ${r(e.responseStart)} end ${r(e.responseEnd)}`);
          const nav = performance.getEntriesByType('navigation')[0];
          // Scripts of type module run between domInteractive and DOMContentLoaded: the gap is their evaluation.
          if (nav && nav.startTime >= since)
            lines.push(`  document: responseEnd ${r(nav.responseEnd)} domInteractive ${r(nav.domInteractive)} DOMContentLoaded ${r(nav.domContentLoadedEventStart)}-${r(nav.domContentLoadedEventEnd)}`);
          for (const e of performance.getEntriesByType('paint')) lines.push(`  paint ${e.name}: ${r(e.startTime)}`);
          for (const e of performance.getEntriesByType('mark').concat(performance.getEntriesByType('measure')).filter((e) => e.startTime >= since))
            lines.push(`  ${e.entryType} ${e.name}: ${r(e.startTime)}${e.duration ? ' +' + Math.round(e.duration) : ''}`);
          return lines.join('\n');
        }
        """;

    private const string ZoomScript = """
        () => { const m = /scale\(([\d.e-]+)\)/.exec(document.querySelector('.react-flow__viewport')?.style.transform ?? ''); return m ? Number(m[1]) : -1; }
        """;

    private const string TranslateScript = """
        () => { const m = /translate\(([-\d.e]+)px,\s*([-\d.e]+)px\)/.exec(document.querySelector('.react-flow__viewport')?.style.transform ?? ''); return m ? [Number(m[1]), Number(m[2])] : [0, 0]; }
        """;

    /// <summary>Starts Chromium's sampling CPU profiler on <paramref name="page"/> (for <c>--detail</c>).</summary>
    private static async Task<ICDPSession> StartCpuProfileAsync(IBrowserContext context, IPage page)
    {
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Profiler.enable");
        await cdp.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 200 });
        await cdp.SendAsync("Profiler.start");
        return cdp;
    }

    private static async Task<string> StopCpuProfileAsync(ICDPSession cdp) =>
        CpuProfileSummary.Of((await cdp.SendAsync("Profiler.stop"))!.Value.GetProperty("profile"));

    public async Task<HomeTiming> LoadHomeAsync(IBrowserContext context, bool profile = false)
    {
        var page = await context.NewPageAsync();
        var cdp = profile ? await StartCpuProfileAsync(context, page) : null;

        await page.GotoAsync(new Uri(baseAddress, "/").ToString());
        await page.WaitForFunctionAsync("() => window.__homeReady !== undefined", null, new() { Timeout = 30_000 });
        var cpu = cdp is null ? "" : await StopCpuProfileAsync(cdp);
        var timing = await page.EvaluateAsync<double[]>("""
            () => {
              const nav = performance.getEntriesByType('navigation')[0];
              const scripts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).reduce((sum, e) => sum + e.transferSize, 0);
              return [window.__homeReady, nav.domContentLoadedEventEnd, nav.loadEventEnd, scripts];
            }
            """);
        var detail = await page.EvaluateAsync<string>(DetailScript, 0) + cpu;
        await page.CloseAsync();
        return new HomeTiming(timing[0], timing[1], timing[2], (long)timing[3], detail);
    }

    public async Task<IBrowserContext> NewContextAsync(bool watchHome = false)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 860 } });
        if (watchHome)
        {
            await context.AddInitScriptAsync(HomeReadyScript);
        }

        return context;
    }

    /// <summary>Opens the home page, then routes to the lineage page as a click would, and times the graph.</summary>
    public async Task<(IPage Page, GraphTiming Timing)> ShowGraphAsync(IBrowserContext context, string lineagePath, bool profile = false)
    {
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(baseAddress, "/").ToString());
        await page.Locator("main h1").WaitForAsync();
        var cdp = profile ? await StartCpuProfileAsync(context, page) : null;

        var result = await page.EvaluateAsync<ShowGraphResult>(ShowGraphScript, lineagePath);
        var cpu = cdp is null ? "" : await StopCpuProfileAsync(cdp);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The page failed: " + string.Join("; ", errors));
        }

        var detail = await page.EvaluateAsync<string>(DetailScript, result.Started) + cpu;
        return (page, new GraphTiming(result.Total, result.DataReady, result.Layout, result.Render, result.Status, result.DomNodes, result.DomEdges, detail));
    }

    /// <summary>Drags the graph's empty top-left corner for about a second while recording every animation frame.</summary>
    public static async Task<PanTiming> PanAsync(IPage page)
    {
        var canvas = await page.Locator(".react-flow").BoundingBoxAsync() ?? throw new InvalidOperationException("No graph canvas on the page.");
        var before = await page.EvaluateAsync<double[]>(TranslateScript);
        var zoom = await page.EvaluateAsync<double>(ZoomScript);
        await page.EvaluateAsync("""
            () => { window.__frames = []; window.__recording = true;
                    const loop = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(loop); };
                    requestAnimationFrame(loop); }
            """);
        var x = canvas.X + 12;
        var y = canvas.Y + 12;
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        const int steps = 100;
        var moved = 0.0;
        for (var step = 1; step <= steps; step++)
        {
            // Out and back, so the pointer stays over the canvas.
            var offset = step <= steps / 2 ? step : steps - step;
            await page.Mouse.MoveAsync(x + (offset * 6), y + (offset * 3));
            if (step == steps / 2)
            {
                var midway = await page.EvaluateAsync<double[]>(TranslateScript);
                moved = Math.Sqrt(Math.Pow(midway[0] - before[0], 2) + Math.Pow(midway[1] - before[1], 2));
            }

            await Task.Delay(10);
        }

        await page.Mouse.UpAsync();
        var frames = await page.EvaluateAsync<double[]>("() => { window.__recording = false; return window.__frames; }");
        var intervals = frames.Zip(frames.Skip(1), (a, b) => b - a).ToList();
        return new PanTiming(intervals, frames[^1] - frames[0], moved, zoom);
    }

    /// <summary>Clicks the graph's "fit view" control and times the first painted frame with every node drawn.</summary>
    public static async Task<double> FitWholeGraphAsync(IPage page, int nodes) =>
        await page.EvaluateAsync<double>("""
            async (nodes) => {
              const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
              const started = performance.now();
              document.querySelector('.react-flow__controls-fitview').click();
              while (document.querySelectorAll('.react-flow__node').length < nodes) {
                if (performance.now() - started > 60000) throw new Error('Fit view did not draw every node within 60 s.');
                await nextFrame();
              }
              await nextFrame();
              return performance.now() - started;
            }
            """, nodes);

    /// <summary>Zooms in with the mouse wheel over the graph until the nodes are drawn at (about) full size.</summary>
    public static async Task ZoomToFullSizeAsync(IPage page)
    {
        var canvas = await page.Locator(".react-flow").BoundingBoxAsync() ?? throw new InvalidOperationException("No graph canvas on the page.");
        await page.Mouse.MoveAsync(canvas.X + (canvas.Width / 2), canvas.Y + (canvas.Height / 2));
        for (var i = 0; i < 80 && await page.EvaluateAsync<double>(ZoomScript) < 0.9; i++)
        {
            await page.Mouse.WheelAsync(0, -200);
            await Task.Delay(30);
        }
    }

    /// <summary>The page script's answer (Playwright fills it by property name).</summary>
    private sealed class ShowGraphResult
    {
        public double Started { get; set; }

        public double Total { get; set; }

        public double DataReady { get; set; }

        public double Layout { get; set; }

        public double Render { get; set; }

        public string Status { get; set; } = "";

        public int DomNodes { get; set; }

        public int DomEdges { get; set; }
    }
}
