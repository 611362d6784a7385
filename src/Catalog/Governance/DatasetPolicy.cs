namespace TownLake.Catalog.Governance;

/// <summary>
/// Everything governance knows of one dataset: its review, its columns' reviews and classifications. A dataset the
/// policy has never seen has no <see cref="Review"/> and is treated as pending (default closed).
/// </summary>
public sealed record DatasetPolicy(
    string DatasetUrn,
    Review? Review,
    IReadOnlyDictionary<string, Review> Columns,
    IReadOnlyDictionary<string, ColumnClassification> Classifications)
{
    /// <summary>The policy of a dataset that was never registered: pending, no columns known.</summary>
    public static DatasetPolicy Unregistered(string datasetUrn) => new(
        datasetUrn, null,
        new Dictionary<string, Review>(StringComparer.OrdinalIgnoreCase),
        new Dictionary<string, ColumnClassification>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The dataset's state: pending when never reviewed.</summary>
    public ReviewState State => Review?.State ?? ReviewState.Pending;

    /// <summary>A column's state: pending when it has no review (a column governance has not seen yet is hidden).</summary>
    public ReviewState ColumnState(string column) => Columns.TryGetValue(column, out var review) ? review.State : ReviewState.Pending;

    /// <summary>The column's classification, or null when nobody classified it.</summary>
    public ColumnClassification? Classification(string column) => Classifications.GetValueOrDefault(column);

    /// <summary>True when the column's classification says personal or secret data (confirmed or not: a pending finding redacts too).</summary>
    public bool IsPii(string column) => Classification(column)?.IsPii == true;
}
