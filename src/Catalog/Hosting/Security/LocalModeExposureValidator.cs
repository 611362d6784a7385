using System.Net;
using Microsoft.Extensions.Options;

namespace TownLake.Catalog.Hosting.Security;

/// <summary>
/// Local mode makes every caller the administrator, which is right on a laptop and wrong on a network: it refuses to
/// start when the service listens beyond loopback (<c>urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c>,
/// <c>HTTP_PORTS</c>) unless <c>TownLake:Auth:AllowLocalModeOnNetwork</c> says so on purpose.
/// </summary>
public sealed class LocalModeExposureValidator(IConfiguration configuration) : IValidateOptions<TownLakeOptions>
{
    public ValidateOptionsResult Validate(string? name, TownLakeOptions options)
    {
        if (!options.Auth.Mode.Equals("local", StringComparison.OrdinalIgnoreCase) || options.Auth.AllowLocalModeOnNetwork)
        {
            return ValidateOptionsResult.Success;
        }

        var exposed = ListenUrls(configuration).FirstOrDefault(u => !IsLoopback(u));
        return exposed is null
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"TownLake:Auth:Mode is 'local' (every caller is admin) but the service listens on {exposed}, beyond this machine: "
                + "use TownLake:Auth:Mode 'jwt' or 'header', listen on localhost, or set TownLake:Auth:AllowLocalModeOnNetwork=true on purpose.");
    }

    /// <summary>Every address the server will bind, from the settings Kestrel reads.</summary>
    public static IEnumerable<string> ListenUrls(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>().ToList();
        if (!string.IsNullOrWhiteSpace(urls))
        {
            endpoints.AddRange(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        else
        {
            // HTTP_PORTS / HTTPS_PORTS bind every interface.
            foreach (var key in new[] { "HTTP_PORTS", "HTTPS_PORTS" })
            {
                endpoints.AddRange((configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}"));
            }
        }

        return endpoints;
    }

    public static bool IsLoopback(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd < 0 ? url : url[(schemeEnd + 3)..];
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var host = rest.Split('/')[0];
        var close = host.IndexOf(']');
        host = host.StartsWith('[') ? (close > 0 ? host[1..close] : "") : host.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
