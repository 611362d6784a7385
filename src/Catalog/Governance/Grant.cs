namespace TownLake.Catalog.Governance;

/// <summary>
/// Time-bound access to a dataset (optionally only some of its columns) for a user or group. It works from
/// <see cref="GrantedAt"/> until <see cref="ExpiresAt"/> or until revoked.
/// </summary>
public sealed record Grant : IAccessTerms
{
    public required string Id { get; init; }
    public required PrincipalKind PrincipalKind { get; init; }
    public required string Principal { get; init; }
    public required string DatasetUrn { get; init; }

    /// <summary>The columns covered; empty means the whole dataset.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    public required AccessLevel Level { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required string Reason { get; init; }
    public required string GrantedBy { get; init; }
    public required DateTimeOffset GrantedAt { get; init; }

    /// <summary>The access request this grant answered, if any.</summary>
    public string? RequestId { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedBy { get; init; }

    /// <summary>True while the grant works: not revoked and not expired at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt && now >= GrantedAt;

    /// <summary>True when the grant names this user or one of their groups.</summary>
    public bool Covers(string user, IReadOnlyList<string> groups) => PrincipalKind == PrincipalKind.User
        ? string.Equals(Principal, user, StringComparison.Ordinal)
        : groups.Contains(Principal, StringComparer.Ordinal);
}
