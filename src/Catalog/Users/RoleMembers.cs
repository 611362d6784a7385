namespace TownLake.Catalog.Users;

/// <summary>A role's members as configured: comma-separated names, each matching a user name or one of the caller's groups.</summary>
public sealed class RoleMembers
{
    private readonly HashSet<string> _names;

    public RoleMembers(string? configured) =>
        _names = new HashSet<string>((configured ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);

    public bool Includes(string user, IReadOnlyList<string> groups) => _names.Contains(user) || groups.Any(_names.Contains);
}
