namespace TownLake.Catalog.Hosting;

/// <summary>The service's settings, all under <c>TownLake:</c> (appsettings.json, <c>TownLake__X</c> environment variables, command line).</summary>
public sealed class TownLakeOptions
{
    public const string Section = "TownLake";

    /// <summary>Where the embedded store, the search index and the demo warehouse live. Default <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>Npgsql connection string, required when <see cref="Store"/> is <c>postgres</c>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Load the demo warehouse on first start. Default: on for the embedded store, off for PostgreSQL.</summary>
    public bool? DemoWarehouse { get; set; }

    public AuthOptions Auth { get; set; } = new();

    public bool DemoWarehouseEnabled => DemoWarehouse ?? Store.Equals("sqlite", StringComparison.OrdinalIgnoreCase);

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}

/// <summary>How callers are identified: <c>local</c> (everyone is the local admin; the embedded default), <c>jwt</c> or <c>header</c>.</summary>
public sealed class AuthOptions
{
    public string Mode { get; set; } = "local";

    /// <summary>The user every request runs as in <c>local</c> mode.</summary>
    public string LocalUser { get; set; } = "admin";

    /// <summary>Bearer tokens: the expected issuer.</summary>
    public string? Issuer { get; set; }

    /// <summary>Bearer tokens: the expected audience.</summary>
    public string? Audience { get; set; }

    /// <summary>Bearer tokens: an OpenID Connect authority whose keys sign them (alternative to <see cref="SigningKey"/>).</summary>
    public string? Authority { get; set; }

    /// <summary>Bearer tokens: a shared HMAC key (at least 32 characters) when there is no authority.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Claim holding group names (default <c>groups</c>).</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Trusted proxy: header carrying the user name.</summary>
    public string UserHeader { get; set; } = "X-Forwarded-User";

    /// <summary>Trusted proxy: header carrying comma-separated groups.</summary>
    public string GroupsHeader { get; set; } = "X-Forwarded-Groups";

    /// <summary>Members of this group are administrators.</summary>
    public string AdminGroup { get; set; } = "admins";

    /// <summary>Administrators besides <see cref="AdminGroup"/>: comma-separated user or group names.</summary>
    public string? Admins { get; set; }

    /// <summary>Stewards (may edit all metadata and read everyone's queries): comma-separated user or group names.</summary>
    public string? Stewards { get; set; }

    /// <summary>
    /// Header mode: the addresses (IPs or CIDR networks, comma-separated) whose identity headers are believed. Default:
    /// loopback only. A request without an IP peer (in-process, Unix socket) counts as loopback.
    /// </summary>
    public string TrustedProxies { get; set; } = "127.0.0.0/8,::1";

    /// <summary>Header mode: a secret the proxy sends in <see cref="ProxySecretHeader"/> with every identified request (at least 32 characters).</summary>
    public string? ProxySecret { get; set; }

    /// <summary>Header mode: the header carrying <see cref="ProxySecret"/>.</summary>
    public string ProxySecretHeader { get; set; } = "X-TownLake-Proxy-Secret";

    /// <summary>Team modes (jwt, header): let anonymous callers read metadata. Default off: anonymous callers get 401.</summary>
    public bool AllowAnonymousRead { get; set; }

    /// <summary>Local mode makes everyone an administrator, so it refuses to listen beyond loopback unless this is true.</summary>
    public bool AllowLocalModeOnNetwork { get; set; }
}
