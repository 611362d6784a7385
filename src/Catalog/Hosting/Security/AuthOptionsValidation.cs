namespace TownLake.Catalog.Hosting.Security;

/// <summary>The checks on the identity settings that go beyond the mode itself (proxy list, proxy secret, header names).</summary>
public static class AuthOptionsValidation
{
    public const int MinSecretLength = 32;

    /// <summary>One line naming the wrong setting, or null.</summary>
    public static string? Problem(AuthOptions auth)
    {
        var (_, proxies) = AddressAllowList.Parse(auth.TrustedProxies);
        if (proxies is not null)
        {
            return $"TownLake:Auth:TrustedProxies: {proxies}.";
        }

        if (auth.ProxySecret is { } secret && secret.Length < MinSecretLength)
        {
            return $"TownLake:Auth:ProxySecret must be at least {MinSecretLength} characters (it is compared in constant time; use a random string).";
        }

        foreach (var (setting, header) in new[] { ("UserHeader", auth.UserHeader), ("GroupsHeader", auth.GroupsHeader), ("ProxySecretHeader", auth.ProxySecretHeader) })
        {
            if (string.IsNullOrWhiteSpace(header) || header.Any(c => c <= ' ' || c == ':' || c > '~'))
            {
                return $"TownLake:Auth:{setting} must be an HTTP header name.";
            }
        }

        return null;
    }
}
