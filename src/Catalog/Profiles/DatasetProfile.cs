namespace TownLake.Catalog.Profiles;

/// <summary>
/// What a dataset's data looked like when it was last profiled: its row count, whether the statistics come from a
/// sample, how fresh its main timestamp column is, and one <see cref="ColumnProfile"/> per column.
/// </summary>
/// <param name="DatasetUrn">The profiled dataset.</param>
/// <param name="RowCount">Rows in the dataset: counted, or the source's estimate for a table too large to count cheaply.</param>
/// <param name="ProfiledAt">When the profile was taken.</param>
/// <param name="Sampled">True when the column statistics come from a sample of <paramref name="SampleSize"/> rows.</param>
/// <param name="SampleSize">Rows the column statistics were computed on (all rows when not sampled).</param>
/// <param name="FreshnessColumn">The main timestamp column, when the dataset has one.</param>
/// <param name="Freshness">The latest value of <paramref name="FreshnessColumn"/> over the whole dataset.</param>
/// <param name="Columns">One profile per column, in dataset order.</param>
public sealed record DatasetProfile(
    string DatasetUrn,
    long? RowCount,
    DateTimeOffset ProfiledAt,
    bool Sampled,
    long SampleSize,
    string? FreshnessColumn,
    DateTimeOffset? Freshness,
    IReadOnlyList<ColumnProfile> Columns)
{
    /// <summary>The profile of the named column, or null when it was not profiled.</summary>
    public ColumnProfile? Column(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
