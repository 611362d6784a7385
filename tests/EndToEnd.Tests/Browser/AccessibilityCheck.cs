using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TownLake.EndToEnd.Tests.Browser;

/// <summary>
/// axe (WCAG 2.x A/AA rules) on a loaded page in the light colour scheme, the dark one and at a phone's 400 px width,
/// collecting every serious or critical violation with the mode it appeared in.
/// </summary>
internal static class AccessibilityCheck
{
    /// <summary>
    /// The rules whose outcome depends on colours: switching the scheme changes nothing else on the page, so the dark
    /// check runs only these (the full rule set takes most of a browser test's time on a 2-core machine).
    /// </summary>
    private static readonly AxeRunOptions ColourRules = new()
    {
        RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast", "link-in-text-block"] },
    };

    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, Regex readyText)
    {
        var serious = new List<string>();
        async Task CheckAsync(string mode, AxeRunOptions? options)
        {
            var result = options is null ? await page.RunAxe() : await page.RunAxe(options);
            serious.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{mode}: {v.Id}: {v.Help} ({v.Nodes.Length} nodes: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))})"));
        }

        await CheckAsync("light", null);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await CheckAsync("dark", ColourRules);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.SetViewportSizeAsync(400, 860);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(readyText);
        await CheckAsync("400px", null);
        return serious;
    }
}
