using TownLake.Catalog.Stores;

namespace TownLake.Catalog.Hosting.Operations;

/// <summary>
/// While start-up is still waiting for an unreachable store (<see cref="CatalogStartup"/>), answers every request but
/// the probes and the scrape endpoint with 503 <c>SOURCE_UNAVAILABLE</c> in the endpoint's error shape, instead of
/// letting it reach an unmigrated store. Sits after the error middleware, which writes the answer.
/// </summary>
public static class StartupGate
{
    public static IApplicationBuilder UseStartupGate(this IApplicationBuilder app)
    {
        var storeReady = app.ApplicationServices.GetRequiredService<CatalogStoreReady>();
        return app.Use(async (http, next) =>
        {
            if (!storeReady.Ready.IsCompleted && !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments(OperationsServices.MetricsPath))
            {
                throw StoreFaults.Unavailable();
            }

            await next(http);
        });
    }
}
