using Microsoft.Playwright;

namespace TownLake.EndToEnd.Tests.Browser;

/// <summary>
/// Runs a browser test's scenario on a fresh page of a context: the scenario fails on any console or page error, and a
/// failing scenario leaves a full-page screenshot under TestResults/screenshots, named after it.
/// </summary>
internal static class PageScenario
{
    /// <summary>Generous for a loaded 2-core machine, yet a broken page fails in seconds rather than Playwright's 30 s per step.</summary>
    private const float StepTimeoutMs = 15_000;

    public static async Task RunAsync(IBrowserContext context, string name, Func<IPage, Task> scenario)
    {
        context.SetDefaultTimeout(StepTimeoutMs);
        context.SetDefaultNavigationTimeout(StepTimeoutMs);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            // A refused query is an answer the page shows, not a page error; the browser logs nothing for it.
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);
        try
        {
            await scenario(page);
            Assert.True(consoleErrors.Count == 0, "Console errors:\n" + string.Join('\n', consoleErrors));
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
            throw;
        }
    }
}
