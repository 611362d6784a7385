namespace TownLake.Engine.Connectors.Trino;

/// <summary>
/// Who runs a statement and in which context: sent as the <c>X-Trino-*</c> headers of the initial POST.
/// </summary>
/// <param name="User">The calling user (<c>X-Trino-User</c>); Trino applies its access control to this user.</param>
public sealed record TrinoSession(string User)
{
    /// <summary>Default catalog (<c>X-Trino-Catalog</c>) for unqualified names.</summary>
    public string? Catalog { get; init; }

    /// <summary>Default schema (<c>X-Trino-Schema</c>); needs <see cref="Catalog"/>.</summary>
    public string? Schema { get; init; }

    /// <summary>Time zone id for the session (<c>X-Trino-Time-Zone</c>), e.g. <c>UTC</c>.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Session properties (<c>X-Trino-Session</c>), e.g. <c>query_max_run_time=10m</c>.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Resource-group tags (<c>X-Trino-Client-Tags</c>).</summary>
    public IReadOnlyList<string> ClientTags { get; init; } = [];
}
