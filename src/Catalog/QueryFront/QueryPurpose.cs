namespace TownLake.Catalog.QueryFront;

/// <summary>
/// Why a query was run. Only <see cref="Query"/> runs count as a dataset's usage (query counts, top users, popularity
/// in search): a preview shows a few rows of a dataset someone is looking at, not a use of it. Every run, whatever its
/// purpose, stays in the audit trail. Stored by member name in upper case (<c>PREVIEW</c>).
/// </summary>
public enum QueryPurpose
{
    /// <summary>A query someone wrote or ran on purpose.</summary>
    Query,

    /// <summary>A sample of a dataset's rows, e.g. the dataset page's preview.</summary>
    Preview,
}
