using Microsoft.Playwright;
using TownLake.ServiceProcess;

namespace TownLake.EndToEnd.Tests.Browser;

/// <summary>One Catalog and one headless Debian Chromium shared by the browser tests (Playwright never downloads a browser).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private CatalogProcess? _catalog;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => _catalog!.BaseAddress;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y --no-install-recommends chromium");
        }

        if (!File.Exists(Path.Combine(CatalogProcess.RepositoryRoot(), "src", "Catalog", "wwwroot", "ui", "index.html")))
        {
            throw new InvalidOperationException("The UI bundle is missing: build src/Catalog with npm available (see src/Catalog/Ui.targets).");
        }

        _catalog = await CatalogProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "TownLake.Catalog.dll"), [], "Development", TimeSpan.FromSeconds(90), CancellationToken.None);
        await WarmUpAsync(_catalog.BaseAddress);
        // Expect(...) waits 5 s by default; the pages' own steps get 15 s (see CatalogUiTests.WithPageAsync), and a first
        // lineage or profile query on a loaded 2-core machine can take longer than 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>
    /// The Catalog's first GraphQL request builds the schema and compiles its resolvers: seconds on a busy machine. Paid
    /// here, once, it no longer eats into the per-step timeout of whichever browser test happens to run first.
    /// </summary>
    private static async Task WarmUpAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(90) };
        using var body = new StringContent("{\"query\":\"{ me { user { name } } datasets(first: 1) { nodes { name } } }\"}", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("graphql", UriKind.Relative), body);
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_catalog is not null)
        {
            await _catalog.DisposeAsync();
        }
    }
}

/// <summary>The browser tests share one Catalog process and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
