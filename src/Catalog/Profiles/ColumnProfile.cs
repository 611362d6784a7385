namespace TownLake.Catalog.Profiles;

/// <summary>
/// One column's statistics over the profiled rows. Values (min, max, top values, histogram bounds) are text as the
/// engine prints them; what does not apply to the column's type is null (mean of a string) or empty (histogram of a
/// string).
/// </summary>
/// <remarks>
/// Not the Engine's <c>ColumnStatistics</c> reused: this record is the catalog's stored document (serialized whole into
/// <c>dataset_profiles</c>, read back by later versions), so its shape must only change with a migration, never because
/// the profiler changed. It also differs on purpose: it carries <see cref="NullFraction"/> (what people and agents read)
/// and leaves out the profiler's working data (the column kind, the numeric histogram ends). <see cref="ProfileMapper"/>
/// maps one onto the other.
/// </remarks>
public sealed record ColumnProfile(
    string Name,
    long NullCount,
    double? NullFraction,
    long? DistinctCount,
    bool DistinctApproximate,
    string? Min,
    string? Max,
    double? Mean,
    double? Stddev,
    int? MinLength,
    int? MaxLength,
    double? MeanLength,
    IReadOnlyList<ValueCount> TopValues,
    IReadOnlyList<HistogramBin> Histogram)
{
    /// <summary>The same statistics without any value read from the data: counts, lengths and moments stay.</summary>
    public ColumnProfile WithoutValues() => this with { Min = null, Max = null, TopValues = [], Histogram = [] };
}

/// <summary>A value and how many profiled rows hold it.</summary>
public sealed record ValueCount(string? Value, long Count);

/// <summary>One bucket of a histogram: rows with values from <see cref="Lower"/> up to <see cref="Upper"/>.</summary>
public sealed record HistogramBin(string Lower, string Upper, long Count);
