using Microsoft.Extensions.Options;
using TownLake.Catalog.GraphQL;
using TownLake.Catalog.Hosting;
using TownLake.Catalog.Hosting.Errors;
using TownLake.Catalog.Hosting.Operations;
using TownLake.Catalog.Hosting.Security;

if (TownLake.Catalog.Cli.TownLakeCli.Handles(args))
{
    // `-- ingest <connection>`, `-- query "<sql>"`, `-- help` (or an unknown command): the CLI, no web server.
    return await TownLake.Catalog.Cli.TownLakeCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}

try
{
    builder.AddTownLake();
    var app = builder.Build();
    // The guard first (security headers on everything; foreign hosts, origins and forged identities refused), then
    // static files, routing after: the UI's catch-all fallback must never shadow a bundled asset.
    app.UseTownLakeRequestGuard();
    app.UseTownLakeStaticFiles();
    app.UseRouting();
    app.UseCatalogErrors();
    app.UseStartupGate();
    app.UseRequestLogScope();
    if (app.Services.GetRequiredService<IOptions<TownLakeOptions>>().Value.Auth.Mode.Equals("jwt", StringComparison.OrdinalIgnoreCase))
    {
        app.UseAuthentication();
    }

    app.MapGraphQLEndpoint();
    app.MapTownLakeApis();
    app.MapTownLakeOperations();
    app.MapMcp("/mcp");
    app.MapBrowserUi();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    // A wrong setting is the operator's to fix: one clear line, no stack trace.
    await Console.Error.WriteLineAsync("TownLake cannot start: " + string.Join(" ", ex.Failures));
    return 2;
}
catch (InvalidOperationException ex) when (ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase))
{
    // e.g. "Failed to convert configuration value at 'TownLake:DemoWarehouse' to type 'System.Boolean'".
    await Console.Error.WriteLineAsync("TownLake cannot start: " + ex.Message);
    return 2;
}

/// <summary>The service's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
