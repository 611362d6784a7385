using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TownLake.Catalog.Hosting;
using TownLake.Catalog.Hosting.Security;

namespace TownLake.Catalog.Users;

/// <summary>
/// Finds who a request comes from: the local admin (embedded default), a validated bearer token's subject and
/// groups, or a trusted proxy's headers. Anything unidentified is <see cref="Caller.Anonymous"/>. Proxy headers count
/// only from a trusted proxy address and, when a proxy secret is configured, with that secret; otherwise
/// <see cref="Inspect"/> says why the request is refused (the security middleware answers it before any endpoint runs).
/// </summary>
public sealed class CallerResolver
{
    private const int MaxNameLength = 256;
    private const int MaxGroups = 200;

    private readonly AuthOptions _auth;
    private readonly AddressAllowList _proxies;
    private readonly RoleMembers _admins;
    private readonly RoleMembers _stewards;
    private readonly byte[]? _secretHash;

    public CallerResolver(IOptions<TownLakeOptions> options)
    {
        _auth = options.Value.Auth;
        // The options validator has refused a malformed list at start-up; an empty list trusts no proxy.
        _proxies = AddressAllowList.Parse(_auth.TrustedProxies).List ?? AddressAllowList.Parse("").List!;
        _admins = new RoleMembers(_auth.Admins);
        _stewards = new RoleMembers(_auth.Stewards);
        _secretHash = string.IsNullOrEmpty(_auth.ProxySecret) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(_auth.ProxySecret));
    }

    public Caller Resolve(HttpContext http) => Inspect(http).Caller;

    /// <summary>The caller, or why the request's identity cannot be believed (status 400, 401 or 403 and a message).</summary>
    public CallerInspection Inspect(HttpContext http)
    {
        switch (_auth.Mode.ToLowerInvariant())
        {
            case "local":
                return new(new Caller(_auth.LocalUser, [_auth.AdminGroup], true, true));
            case "header":
                return FromProxyHeaders(http);
            default:
                var principal = http.User;
                if (principal.Identity?.IsAuthenticated != true)
                {
                    return new(Caller.Anonymous);
                }

                var name = principal.FindFirstValue("preferred_username") ?? principal.FindFirstValue(ClaimTypes.Name)
                    ?? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("sub") ?? "unknown";
                var claimGroups = principal.FindAll(_auth.GroupsClaim).Select(c => c.Value).ToList();
                return new(WithRoles(name, claimGroups));
        }
    }

    private CallerInspection FromProxyHeaders(HttpContext http)
    {
        var headers = http.Request.Headers;
        var users = headers[_auth.UserHeader];
        var groups = headers[_auth.GroupsHeader];
        if (users.Count == 0 && groups.Count == 0)
        {
            return new(Caller.Anonymous);
        }

        var peer = http.Connection.RemoteIpAddress;
        if (!_proxies.Contains(peer))
        {
            return Refused(StatusCodes.Status403Forbidden, "FORBIDDEN",
                $"{_auth.UserHeader}/{_auth.GroupsHeader} are only accepted from a trusted proxy, and {peer} is not one (TownLake:Auth:TrustedProxies). Send requests through the authenticating proxy.");
        }

        if (_secretHash is not null && !SecretMatches(headers[_auth.ProxySecretHeader]))
        {
            return Refused(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED",
                $"Identity headers need the proxy's shared secret in {_auth.ProxySecretHeader} (TownLake:Auth:ProxySecret); it is missing or wrong.");
        }

        if (users.Count != 1)
        {
            return Refused(StatusCodes.Status400BadRequest, "BAD_REQUEST",
                users.Count == 0 ? $"{_auth.GroupsHeader} was sent without {_auth.UserHeader}." : $"{_auth.UserHeader} was sent {users.Count} times; send exactly one user.");
        }

        var user = users[0]!.Trim();
        if (!IsName(user) || user.Contains(','))
        {
            return Refused(StatusCodes.Status400BadRequest, "BAD_REQUEST",
                $"{_auth.UserHeader} must be one user name of 1–{MaxNameLength} characters without commas or control characters.");
        }

        if (groups.Count > 1)
        {
            return Refused(StatusCodes.Status400BadRequest, "BAD_REQUEST", $"{_auth.GroupsHeader} was sent {groups.Count} times; send one comma-separated list.");
        }

        var groupNames = groups.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (groupNames.Length > MaxGroups || !groupNames.All(IsName))
        {
            return Refused(StatusCodes.Status400BadRequest, "BAD_REQUEST",
                $"{_auth.GroupsHeader} must be a comma-separated list of at most {MaxGroups} group names of 1–{MaxNameLength} characters without control characters.");
        }

        return new(WithRoles(user, groupNames.Distinct(StringComparer.Ordinal).ToList()));
    }

    private Caller WithRoles(string user, IReadOnlyList<string> groups) =>
        new(user, groups, true, groups.Contains(_auth.AdminGroup) || _admins.Includes(user, groups)) { IsSteward = _stewards.Includes(user, groups) };

    private bool SecretMatches(Microsoft.Extensions.Primitives.StringValues sent) =>
        sent.Count == 1 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent[0] ?? "")), _secretHash);

    private static bool IsName(string name) => name.Length is > 0 and <= MaxNameLength && !name.Any(char.IsControl);

    private static CallerInspection Refused(int status, string code, string message) => new(Caller.Anonymous, status, code, message);
}

/// <summary>Who a request comes from, or (with a status) why its claimed identity is refused.</summary>
public sealed record CallerInspection(Caller Caller, int? RefusalStatus = null, string? RefusalCode = null, string? Refusal = null);
