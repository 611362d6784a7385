using System.Net;

namespace TownLake.Catalog.Tests.Hosting;

/// <summary>Client-side routes (deep links) get the UI page; API paths and missing assets never do.</summary>
public sealed class BrowserUiTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/dataset/demo.dim.accounts")]
    [InlineData("/dataset/demo.fct.billings_allocated/lineage")]
    [InlineData("/search?q=revenue")]
    [InlineData("/glossary/ARR")]
    public async Task Client_routes_serve_the_ui_page(string path)
    {
        await using var api = new CatalogApiFactory();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(path);

        // Without a bundled UI (a build without npm) the fallback explains itself with a 404 — never a 500.
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK ? body.Contains("<html", StringComparison.OrdinalIgnoreCase) : body.Contains("not bundled", StringComparison.Ordinal), body);
    }

    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/ui/assets/missing.js")]
    [InlineData("/favicon.ico")]
    public async Task Api_paths_and_missing_assets_are_404(string path)
    {
        await using var api = new CatalogApiFactory();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task Bundled_assets_are_served_as_files_not_as_the_page()
    {
        var index = Path.Combine(RepositoryPaths.Root, "src", "Catalog", "wwwroot", "ui", "index.html");
        Skip.IfNot(File.Exists(index), "the UI is not bundled in this build");
        var asset = System.Text.RegularExpressions.Regex.Match(await File.ReadAllTextAsync(index), "src=\"(/ui/assets/[^\"]+\\.js)\"").Groups[1].Value;
        await using var api = new CatalogApiFactory();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(asset);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("javascript", response.Content.Headers.ContentType?.MediaType);
    }
}
