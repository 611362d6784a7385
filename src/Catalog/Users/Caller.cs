using TownLake.Catalog.Datasets;

namespace TownLake.Catalog.Users;

/// <summary>
/// Who is making a request: a user, their groups and their roles. Every request has one (anonymous when nothing
/// identifies it); every write records its user as the actor. Rights are asked of the caller, never assumed:
/// administrators and stewards may edit all metadata and read everyone's queries; an owner may edit their own datasets;
/// every other signed-in user reads.
/// </summary>
public sealed record Caller(string UserName, IReadOnlyList<string> Groups, bool IsAuthenticated, bool IsAdmin)
{
    public static Caller Anonymous { get; } = new("anonymous", [], false, false);

    /// <summary>A steward (configured in <c>TownLake:Auth:Stewards</c>): edits all metadata, reads everyone's queries.</summary>
    public bool IsSteward { get; init; }

    /// <summary>May edit all metadata (administrators and stewards); owners may edit their own datasets (see <see cref="CanEditDataset"/>).</summary>
    public bool CanEdit => IsAuthenticated && (IsAdmin || IsSteward);

    /// <summary>May read other users' queries (the audit trail's SQL and who ran it).</summary>
    public bool CanReadOthersQueries => CanEdit;

    /// <summary>Whether the caller owns a dataset, as a user owner or through one of their groups.</summary>
    public bool Owns(Dataset dataset) => IsAuthenticated && dataset.Owners.Any(o => o.Kind == OwnerKind.User
        ? string.Equals(o.Owner, UserName, StringComparison.Ordinal)
        : Groups.Contains(o.Owner, StringComparer.Ordinal));

    public bool CanEditDataset(Dataset dataset) => CanEdit || Owns(dataset);

    /// <summary>
    /// Refuses an anonymous caller and, unless <paramref name="requireRole"/> is false (an owner's edit, checked per
    /// dataset afterwards), a caller without the admin or steward role.
    /// </summary>
    public void EnsureCanEdit(string what, bool requireRole = true)
    {
        if (!IsAuthenticated)
        {
            throw Identity.CatalogException.Forbidden($"{UserName} may not {what}: sign in (bearer token or trusted proxy header) to edit the catalog.");
        }

        if (requireRole && !CanEdit)
        {
            throw Identity.CatalogException.Forbidden($"{UserName} may not {what}: that needs the admin or steward role (TownLake:Auth:Admins, TownLake:Auth:Stewards).");
        }
    }

    /// <summary>Refuses a caller who may not edit this dataset: it needs the admin or steward role, or ownership of the dataset.</summary>
    public void EnsureCanEdit(Dataset dataset, string what)
    {
        if (!IsAuthenticated)
        {
            throw Identity.CatalogException.Forbidden($"{UserName} may not {what}: sign in (bearer token or trusted proxy header) to edit the catalog.");
        }

        if (!CanEditDataset(dataset))
        {
            throw Identity.CatalogException.Forbidden($"{UserName} may not {what} on {dataset.Name}: that needs the admin or steward role (TownLake:Auth:Admins, TownLake:Auth:Stewards) or ownership of {dataset.Name}.");
        }
    }
}
