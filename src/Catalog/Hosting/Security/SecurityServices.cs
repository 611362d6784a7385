using Microsoft.Extensions.Options;

namespace TownLake.Catalog.Hosting.Security;

/// <summary>Registers the start-up checks and the request guard that keep identity, hosts and origins honest.</summary>
public static class SecurityServices
{
    public static IServiceCollection AddTownLakeSecurity(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<TownLakeOptions>, LocalModeExposureValidator>();
        services.AddOptions<HttpSecurityOptions>().BindConfiguration(HttpSecurityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpSecurityOptions>, HttpSecurityOptionsValidator>();
        // Checked with the catalog's own settings, so a refusal comes before anything starts.
        services.AddSingleton<IValidateOptions<TownLakeOptions>, CatalogDatabaseGuard>();
        return services;
    }

    /// <summary>First in the pipeline, so every response (static files included) carries the security headers.</summary>
    public static IApplicationBuilder UseTownLakeRequestGuard(this IApplicationBuilder app) => app.UseMiddleware<RequestGuard>();
}
