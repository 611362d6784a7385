using System.Security.Claims;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Hosting;

namespace TownLake.Catalog.Users;

/// <summary>
/// Finds who a request comes from: the local admin (embedded default), a validated bearer token's subject and
/// groups, or a trusted proxy's headers. Anything unidentified is <see cref="Caller.Anonymous"/>.
/// </summary>
public sealed class CallerResolver(IOptions<TownLakeOptions> options)
{
    public Caller Resolve(HttpContext http)
    {
        var auth = options.Value.Auth;
        switch (auth.Mode.ToLowerInvariant())
        {
            case "local":
                return new Caller(auth.LocalUser, [auth.AdminGroup], true, true);
            case "header":
                var user = http.Request.Headers[auth.UserHeader].ToString().Trim();
                if (user.Length == 0)
                {
                    return Caller.Anonymous;
                }

                var groups = http.Request.Headers[auth.GroupsHeader].ToString()
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return new Caller(user, groups, true, groups.Contains(auth.AdminGroup));
            default:
                var principal = http.User;
                if (principal.Identity?.IsAuthenticated != true)
                {
                    return Caller.Anonymous;
                }

                var name = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue(ClaimTypes.Name)
                    ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub") ?? "unknown";
                var claimGroups = principal.FindAll(auth.GroupsClaim).Select(c => c.Value).ToList();
                return new Caller(name, claimGroups, true, claimGroups.Contains(auth.AdminGroup));
        }
    }
}
