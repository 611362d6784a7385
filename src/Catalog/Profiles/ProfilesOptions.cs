using Microsoft.Extensions.Options;
using TownLake.Engine.Profiling;

namespace TownLake.Catalog.Profiles;

/// <summary>Data profiling, under <c>TownLake:Profiles</c>: when datasets are profiled and how.</summary>
public sealed class ProfilesOptions
{
    public const string Section = "TownLake:Profiles";

    /// <summary>Profile a connection's datasets after each ingestion of it.</summary>
    public bool OnIngestion { get; set; } = true;

    /// <summary>How old a dataset's profile may get before the schedule (at start-up and then every interval) re-profiles it; null (the default) profiles only on ingestion and on request.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>Largest table profiled exactly; larger ones are sampled.</summary>
    public long ExactRowLimit { get; set; } = 100_000;

    /// <summary>Rows in the sample of a larger table.</summary>
    public int SampleRows { get; set; } = 100_000;

    /// <summary>Most frequent values kept per column.</summary>
    public int TopValues { get; set; } = 10;

    /// <summary>Buckets of a number or date histogram.</summary>
    public int HistogramBins { get; set; } = 10;

    /// <summary>Limit on each statement the profiler runs.</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The Engine's options these settings stand for.</summary>
    public ProfilingOptions ToEngine() => new()
    {
        ExactRowLimit = ExactRowLimit,
        SampleRows = SampleRows,
        TopValues = TopValues,
        HistogramBins = HistogramBins,
        StatementTimeout = StatementTimeout,
    };
}

/// <summary>Refuses a wrong <c>TownLake:Profiles</c> setting at start-up with one line naming it.</summary>
public sealed class ProfilesOptionsValidator : IValidateOptions<ProfilesOptions>
{
    public ValidateOptionsResult Validate(string? name, ProfilesOptions options)
    {
        if (options.Interval is { } interval && interval < TimeSpan.FromMinutes(1))
        {
            return ValidateOptionsResult.Fail($"{ProfilesOptions.Section}:Interval is '{interval}'; use at least a minute, e.g. '1.00:00:00' (a day).");
        }

        return options.ToEngine().Problem() is { } problem
            ? ValidateOptionsResult.Fail($"{ProfilesOptions.Section}:{problem}")
            : ValidateOptionsResult.Success;
    }
}
