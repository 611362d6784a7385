using Microsoft.Extensions.Options;

namespace TownLake.Catalog.Hosting.Security;

/// <summary>Refuses an allowed origin that is not an origin (<c>https://name[:port]</c>) at start-up.</summary>
public sealed class HttpSecurityOptionsValidator : IValidateOptions<HttpSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpSecurityOptions options)
    {
        foreach (var origin in (options.AllowedOrigins ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath.Length > 1 || uri.Query.Length > 0)
            {
                return ValidateOptionsResult.Fail($"TownLake:Http:AllowedOrigins: '{origin}' is not an origin like https://catalog.example.com.");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
