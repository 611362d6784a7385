using System.Net;
using System.Reflection;

namespace TownLake.Catalog.Tests.Hosting;

/// <summary>Client-side routes (deep links) get the UI page; API paths and missing assets never do.</summary>
public sealed class BrowserUiTests
{
    /// <summary>
    /// The build bundles the UI into wwwroot/ui (src/Catalog/Ui.targets); only a build run with -p:SkipUiBuild=true
    /// leaves it out, and then the page tests are reported as skipped, never passed.
    /// </summary>
    private static void SkipUnlessTheBuildBundledTheUi() =>
        Skip.IfNot(
            typeof(BrowserUiTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TownLakeUiBundled").Value == "true",
            "this test build ran with -p:SkipUiBuild=true, so the UI was not bundled");

    [SkippableTheory]
    [InlineData("/")]
    [InlineData("/dataset/demo.dim.accounts")]
    [InlineData("/dataset/demo.fct.billings_allocated/lineage")]
    [InlineData("/search?q=revenue")]
    [InlineData("/glossary/ARR")]
    public async Task Client_routes_serve_the_ui_page(string path)
    {
        SkipUnlessTheBuildBundledTheUi();
        await using var api = new CatalogApiFactory();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(path);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", body, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("src=\"/ui/assets/[^\"]+\\.js\"", body);
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
        SkipUnlessTheBuildBundledTheUi();
        var index = Path.Combine(RepositoryPaths.Root, "src", "Catalog", "wwwroot", "ui", "index.html");
        var asset = System.Text.RegularExpressions.Regex.Match(await File.ReadAllTextAsync(index), "src=\"(/ui/assets/[^\"]+\\.js)\"").Groups[1].Value;
        await using var api = new CatalogApiFactory();
        using var client = api.CreateClient();

        using var response = await client.GetAsync(asset);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("javascript", response.Content.Headers.ContentType?.MediaType);
    }
}
