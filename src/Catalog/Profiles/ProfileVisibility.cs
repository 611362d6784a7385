using TownLake.Catalog.Datasets;
using TownLake.Catalog.Identity;
using TownLake.Catalog.Users;

namespace TownLake.Catalog.Profiles;

/// <summary>
/// What of a profile a caller may see. Values read from the data (min, max, top values, histogram bounds) of a column
/// holding personal data are redacted unless the caller may see personal data; counts and lengths stay.
/// Until the governance feature's access evaluation lands, "personal data" is the <c>pii</c> tag on the column (a
/// dataset-level tag says the dataset has some, not which columns), and "may see" is the dataset's owners, stewards and
/// administrators: the one place to change is here.
/// </summary>
public static class ProfileVisibility
{
    /// <summary>The tag that marks personal data.</summary>
    public const string PiiTag = "pii";

    /// <summary>Whether the column's values are redacted for the caller.</summary>
    public static bool IsRedacted(Caller caller, Dataset dataset, SchemaField column) =>
        IsPersonalData(column) && !caller.CanEditDataset(dataset);

    /// <summary>The column's profile as the caller may see it, with whether it was redacted.</summary>
    public static (ColumnProfile Profile, bool Redacted) View(Caller caller, Dataset dataset, SchemaField column, ColumnProfile profile) =>
        IsRedacted(caller, dataset, column) ? (profile.WithoutValues(), true) : (profile, false);

    private static bool IsPersonalData(SchemaField column) =>
        column.Tags.Any(tag => string.Equals(TagName(tag), PiiTag, StringComparison.OrdinalIgnoreCase));

    private static string TagName(string tag) => tag.StartsWith(Urn.Prefix, StringComparison.Ordinal) ? tag[(tag.LastIndexOf(':') + 1)..] : tag;
}
