namespace TownLake.Catalog.Hosting.Errors;

/// <summary>Registers the error contract: the mapper, minimal APIs throwing their binding errors to it, the middleware.</summary>
public static class CatalogErrorsRegistration
{
    public static IServiceCollection AddCatalogErrors(this IServiceCollection services)
    {
        services.AddSingleton<CatalogErrorMapper>();

        // Otherwise a bad query-string value (?depth=abc) is a 400 with an empty body outside Development.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseCatalogErrors(this IApplicationBuilder app) => app.UseMiddleware<CatalogErrorMiddleware>();
}
