using Microsoft.Extensions.FileProviders;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Identity;

namespace TownLake.Catalog.Hosting;

/// <summary>
/// Serves the browser UI bundled into <c>wwwroot/ui</c>: its assets as static files, and <c>index.html</c> for
/// <c>/</c> and every client-side route (deep links such as <c>/dataset/demo.dim.accounts</c>), so a reload works.
/// API paths never fall back to the page.
/// </summary>
public static class BrowserUi
{
    private static readonly string[] ApiPrefixes = ["/graphql", "/api", "/mcp", "/healthz", "/ui/", "/graphiql/"];

    // Dataset names contain dots (/dataset/demo.dim.accounts), so only real asset extensions mark a missing file.
    private static readonly string[] AssetExtensions = [".js", ".mjs", ".css", ".map", ".png", ".jpg", ".svg", ".ico", ".woff", ".woff2", ".json", ".txt", ".webmanifest"];

    public static void MapBrowserUi(this WebApplication app)
    {
        // "{*path}" rather than the default "{*path:nonfile}": the last segment of a dataset name looks like a file extension.
        app.MapFallback("{*path}", async (HttpContext http, IWebHostEnvironment environment) =>
        {
            var path = http.Request.Path.Value ?? "/";
            if (!HttpMethods.IsGet(http.Request.Method) || ApiPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || AssetExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                // In the one error contract's shape, Marquez's under its /api/v1 routes: clients read these bodies.
                var face = path.StartsWith("/api/v1/", StringComparison.OrdinalIgnoreCase) ? ErrorFace.Marquez : ErrorFace.Rest;
                var missing = new CatalogError(ErrorCodes.NotFound, $"No resource at {http.Request.Method} {InputEcho.Quote(path)}.");
                await ErrorBodies.WriteAsync(http, missing, face);
                return;
            }

            var page = environment.WebRootFileProvider.GetFileInfo("ui/index.html");
            if (page is NotFoundFileInfo || !page.Exists)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                await http.Response.WriteAsync("The browser UI is not bundled in this build (build with Node.js installed). The GraphQL API is at /graphql.");
                return;
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache";
            await http.Response.SendFileAsync(page, http.RequestAborted);
        });
    }
}
