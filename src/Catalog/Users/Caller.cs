namespace TownLake.Catalog.Users;

/// <summary>
/// Who is making a request: a user and their groups. Every request has one (anonymous when nothing identifies it);
/// every write records its user as the actor. Rights are asked of the caller, never assumed.
/// </summary>
public sealed record Caller(string UserName, IReadOnlyList<string> Groups, bool IsAuthenticated, bool IsAdmin)
{
    public static Caller Anonymous { get; } = new("anonymous", [], false, false);

    /// <summary>Authenticated callers may edit metadata; later access rules narrow this per dataset.</summary>
    public bool CanEdit => IsAuthenticated;

    public void EnsureCanEdit(string what)
    {
        if (!CanEdit)
        {
            throw Identity.CatalogException.Forbidden($"{UserName} may not {what}: sign in (bearer token or trusted proxy header) to edit the catalog.");
        }
    }
}
