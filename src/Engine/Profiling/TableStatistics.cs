namespace TownLake.Engine.Profiling;

/// <summary>What the profiler measured of one table.</summary>
/// <param name="RowCount">Rows in the table: counted, or the source's estimate when <paramref name="RowCountEstimated"/>.</param>
/// <param name="RowCountEstimated">True when <paramref name="RowCount"/> is the source's estimate rather than a count.</param>
/// <param name="Sampled">True when the column statistics come from a sample.</param>
/// <param name="ProfiledRows">Rows the column statistics were computed on.</param>
/// <param name="FreshnessColumn">The main timestamp column, when the table has one.</param>
/// <param name="Freshness">Its latest value over the whole table.</param>
/// <param name="Columns">One entry per profiled column, in table order.</param>
public sealed record TableStatistics(
    long? RowCount,
    bool RowCountEstimated,
    bool Sampled,
    long ProfiledRows,
    string? FreshnessColumn,
    DateTimeOffset? Freshness,
    IReadOnlyList<ColumnStatistics> Columns);

/// <summary>One column's statistics over the profiled rows; what does not apply to its type is null or empty.</summary>
public sealed record ColumnStatistics(
    string Name,
    ColumnKind Kind,
    long NullCount,
    long? DistinctCount,
    bool DistinctApproximate,
    string? Min,
    string? Max,
    double? Mean,
    double? Stddev,
    int? MinLength,
    int? MaxLength,
    double? MeanLength,
    IReadOnlyList<ValueFrequency> TopValues,
    IReadOnlyList<HistogramBucket> Histogram)
{
    /// <summary>The smallest value as a number (seconds since the epoch for dates), the histogram's lower end.</summary>
    internal double? NumericLow { get; init; }

    /// <summary>The largest value as a number, the histogram's upper end.</summary>
    internal double? NumericHigh { get; init; }
}

/// <summary>A value (as text) and how many profiled rows hold it.</summary>
public sealed record ValueFrequency(string? Value, long Count);

/// <summary>An equal-width histogram bucket, bounds as text.</summary>
public sealed record HistogramBucket(string Lower, string Upper, long Count);
