namespace TownLake.Engine.Profiling;

/// <summary>How a table is profiled: when to sample, how big a sample, how many top values and histogram buckets.</summary>
public sealed record ProfilingOptions
{
    /// <summary>Largest table profiled exactly (every row); larger tables are sampled.</summary>
    public long ExactRowLimit { get; init; } = 100_000;

    /// <summary>Rows in the sample of a larger table.</summary>
    public int SampleRows { get; init; } = 100_000;

    /// <summary>Most frequent values kept per column.</summary>
    public int TopValues { get; init; } = 10;

    /// <summary>Equal-width buckets of a number or date column's histogram.</summary>
    public int HistogramBins { get; init; } = 10;

    /// <summary>Wall-clock limit on each statement the profiler runs.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest value text kept (top values, min and max), in characters.</summary>
    public const int MaxValueLength = 200;

    /// <summary>The first setting out of its range, as a sentence naming it; null when all are valid.</summary>
    public string? Problem() =>
        ExactRowLimit is < 0 or > 100_000_000 ? $"ExactRowLimit is {ExactRowLimit}; use 0 to 100,000,000."
        : SampleRows is < 100 or > 10_000_000 ? $"SampleRows is {SampleRows}; use 100 to 10,000,000."
        : TopValues is < 0 or > 100 ? $"TopValues is {TopValues}; use 0 to 100."
        : HistogramBins is < 0 or > 100 ? $"HistogramBins is {HistogramBins}; use 0 to 100."
        : StatementTimeout <= TimeSpan.Zero || StatementTimeout > TimeSpan.FromHours(1) ? $"StatementTimeout is {StatementTimeout}; use a duration up to an hour."
        : null;
}
