namespace TownLake.Catalog.Hosting.Security;

/// <summary>
/// Which browsers and names may reach the service, under <c>TownLake:Http:</c>. These stop cross-site requests (CSRF)
/// and DNS rebinding; the caller's identity is <see cref="AuthOptions"/>'s business.
/// </summary>
public sealed class HttpSecurityOptions
{
    public const string Section = "TownLake:Http";

    /// <summary>Default <see cref="AllowedHosts"/> in local mode: the loopback names a browser on this machine uses.</summary>
    public const string LoopbackHosts = "localhost,127.0.0.1,[::1]";

    /// <summary>
    /// Host names (with or without port; <c>*.example.com</c> for subdomains; <c>*</c> for any) requests may address,
    /// comma-separated. Default: <see cref="LoopbackHosts"/> in local mode, any in the team modes.
    /// </summary>
    public string? AllowedHosts { get; set; }

    /// <summary>
    /// Origins (<c>https://catalog.example.com</c>) besides the service's own whose browser pages may call the API,
    /// comma-separated. Needed when a proxy changes the Host header on the way in.
    /// </summary>
    public string? AllowedOrigins { get; set; }
}
