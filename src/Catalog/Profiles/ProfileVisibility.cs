using TownLake.Catalog.Governance;

namespace TownLake.Catalog.Profiles;

/// <summary>
/// What of a profile a caller may see, as governance decides it (<see cref="AccessEvaluator"/>): a column hidden for the
/// caller (pending or denied review, outside their grant) has no profile, except for its reviewers and curators (owners, stewards, admins), who see
/// its counts but no values; values read from the data (min, max, top values, histogram bounds) of a column governance
/// classifies as personal data are redacted unless the caller holds an unexpired READ_PII grant covering it; counts and
/// lengths stay.
/// </summary>
public static class ProfileVisibility
{
    /// <summary>Whether the column's values are redacted for the caller the access was decided for.</summary>
    public static bool IsRedacted(DatasetAccess access, string column) =>
        access.IsHidden(column)
        || (access.PiiColumns.Contains(column, StringComparer.OrdinalIgnoreCase) && !access.UnlockableColumns.Contains(column, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// The column's profile as the caller may see it, with whether it was redacted; null when the column is hidden from
    /// the caller and they do not see hidden columns (<paramref name="seesHidden"/>: reviewers and curators).
    /// </summary>
    public static (ColumnProfile Profile, bool Redacted)? View(DatasetAccess access, bool seesHidden, string column, ColumnProfile profile) =>
        access.IsHidden(column) && !seesHidden ? null
        : IsRedacted(access, column) ? (profile.WithoutValues(), true)
        : (profile, false);
}
