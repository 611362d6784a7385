using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Hosting.Security;

/// <summary>
/// The first thing every request meets. It adds the security headers, and refuses — with a status and a message
/// that says why — requests addressed to a host name the service does not answer to (DNS rebinding), requests from
/// another site's page (CSRF: a foreign <c>Origin</c>, or a state-changing request that is not JSON, which a page
/// could send without the browser asking first), bearer tokens that do not validate, identity headers that did not come
/// from the trusted proxy, and anonymous callers of a team deployment that does not publish its metadata.
/// </summary>
public sealed class RequestGuard(RequestDelegate next, IOptions<TownLakeOptions> options, IOptions<HttpSecurityOptions> http, CallerResolver callers)
{
    /// <summary>
    /// Fits the bundled UI and GraphiQL, which load everything from this origin: Monaco's workers run from own files or
    /// blobs; React and Monaco set inline styles; the favicon is a data URL.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] ApiPrefixes = ["/graphql", "/api/", "/mcp"];

    /// <summary>Endpoints Trino calls, which check their own credential (a shared token or a trusted network) and answer nobody else.</summary>
    private static readonly string[] MachinePrefixes = ["/api/governance/trino/"];

    private readonly string _mode = options.Value.Auth.Mode.ToLowerInvariant();
    private readonly bool _anonymousRead = options.Value.Auth.AllowAnonymousRead;
    private readonly HostAllowList _hosts = new(http.Value.AllowedHosts
        ?? (options.Value.Auth.Mode.Equals("local", StringComparison.OrdinalIgnoreCase) ? HttpSecurityOptions.LoopbackHosts : "*"));
    private readonly HashSet<string> _origins = new(
        (http.Value.AllowedOrigins ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(o => o.TrimEnd('/')),
        StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";

        var request = context.Request;
        if (!_hosts.Allows(request.Host))
        {
            await SecurityErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "BAD_REQUEST",
                $"This service does not answer to the host name in the request (TownLake:Http:AllowedHosts is '{_hosts.Text}').");
            return;
        }

        var origin = request.Headers.Origin;
        if (origin.Count > 0 && !IsAllowedOrigin(origin.ToString(), request.Host))
        {
            await SecurityErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "FORBIDDEN",
                "Requests from another site's page are refused: the Origin is neither this service nor in TownLake:Http:AllowedOrigins.");
            return;
        }

        if (NeedsJson(request) && !IsJson(request.ContentType))
        {
            await SecurityErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                $"{request.Method} requests need Content-Type: application/json.");
            return;
        }

        if (_mode == "jwt" && !await AuthenticateBearerAsync(context))
        {
            return;
        }

        var inspection = callers.Inspect(context);
        if (inspection.RefusalStatus is { } status)
        {
            await SecurityErrors.WriteAsync(context, status, inspection.RefusalCode!, inspection.Refusal!);
            return;
        }

        if (_mode != "local" && !_anonymousRead && !inspection.Caller.IsAuthenticated && IsApi(request)
            && !MachinePrefixes.Any(p => request.Path.StartsWithSegments(p.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
        {
            if (_mode == "jwt")
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"townlake\"";
            }

            await SecurityErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", _mode == "jwt"
                ? "Sign in: send a bearer token (Authorization: Bearer …). Anonymous access is off (TownLake:Auth:AllowAnonymousRead)."
                : "Sign in through the authenticating proxy. Anonymous access is off (TownLake:Auth:AllowAnonymousRead).");
            return;
        }

        await next(context);
    }

    /// <summary>A token that was sent must validate: an expired or forged one is a 401, never an anonymous request.</summary>
    private static async Task<bool> AuthenticateBearerAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (result.Succeeded)
        {
            context.User = result.Principal;
            return true;
        }

        if (context.Request.Headers.Authorization.Count == 0)
        {
            return true;
        }

        var description = result.Failure switch
        {
            SecurityTokenExpiredException => "The token has expired.",
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The token's signature does not verify.",
            SecurityTokenInvalidIssuerException => "The token's issuer is not the configured one.",
            SecurityTokenInvalidAudienceException => "The token's audience is not this service.",
            SecurityTokenNotYetValidException => "The token is not valid yet.",
            null => "The Authorization header does not carry a bearer token.",
            _ => "The token is not valid.",
        };
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"townlake\", error=\"invalid_token\", error_description=\"{description}\"";
        await SecurityErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", description + " Send a valid bearer token, or none to be anonymous.");
        return false;
    }

    private bool IsAllowedOrigin(string origin, HostString host)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        var authority = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        return string.Equals(authority, host.Value, StringComparison.OrdinalIgnoreCase) || _origins.Contains(origin.TrimEnd('/'));
    }

    /// <summary>Every request that can change something; a bodiless DELETE is not one a page can send without asking first.</summary>
    private static bool NeedsJson(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)
        || (HttpMethods.IsDelete(request.Method) && (request.ContentLength > 0 || request.ContentType is not null));

    private static bool IsJson(string? contentType)
    {
        return contentType is not null
            && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || (media.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The API surface; the UI's page, its assets, GraphiQL's page and the health check stay reachable.</summary>
    private static bool IsApi(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        if (path.Equals("/graphql", StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(request.Method) && !request.Query.ContainsKey("query"))
        {
            return false;
        }

        return ApiPrefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }
}
